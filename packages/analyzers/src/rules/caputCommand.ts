import { dangerousCalls, literalText, visibleText } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const writeTools = /\b(caput|pvput|caput_many|camonitor_put)\b/

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const { call, name } of dangerousCalls(model, "process")) {
    // os.spawn*(mode, file, ...) names the program second; the rest name it first
    const command = name.startsWith("os.spawn") ? call.positional[1] : (call.positional[0] ?? call.keywords.get("args"))
    const shown = visibleText(command, model)
    if (writeTools.test(shown)) {
      yield { node: call.node, message: `\`${name}\` runs the EPICS command-line tool ${shown.match(writeTools)![1]}, which writes to a process variable` }
    } else if (command && literalText(command, model) === undefined) {
      yield { node: call.node, message: `\`${name}\` runs a command pyexec cannot read in advance: it may run \`caput\`` }
    }
  }
}

export const caputCommand: Rule = {
  code: "EPICS002",
  name: "caput-command",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes: "Finds processes started with the EPICS command-line write tools (`caput`, `pvput`), or with a command built at run time.",
    whyIsThisBad: "`subprocess.run([\"caput\", pv, value])` changes the machine as surely as `epics.caput`; a command built from variables may be one.",
    example: 'subprocess.run(["caput", "SR:Q01:CURRENT_SP", "12.5"])',
    useInstead: "Write with pyepics in the code itself, where the analyzer and the approver can see it."
  },
  check
}
