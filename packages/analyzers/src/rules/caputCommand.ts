import { dangerousCalls, literalText, visibleText } from "../internal/calls.js"
import { writePythonModules, writeTools } from "../internal/libraries.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const asRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")
const longestFirst = (names: ReadonlyArray<string>) => [...names].sort((a, b) => b.length - a.length).map(asRegExp)

/** The write tools of data/libraries.yaml, as words of a command line. */
const writeTool = new RegExp(`\\b(${longestFirst(writeTools).join("|")})\\b`)
/** `-m MODULE [SUBCOMMAND]` for the write commands run as Python modules. */
const writeModule = new RegExp(
  `(?:^|\\s)-m\\s*(${writePythonModules.map(({ module, subcommands }) => `${asRegExp(module)}${subcommands.length === 0 ? "" : `\\s+(?:${longestFirst(subcommands).join("|")})`}`).join("|")})(?![\\w.])`
)

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const { call, name } of dangerousCalls(model, "process")) {
    // os.spawn*(mode, file, ...) names the program second; the rest name it first
    const command = name.startsWith("os.spawn") ? call.positional[1] : (call.positional[0] ?? call.keywords.get("args"))
    const shown = visibleText(command, model)
    const tool = writeTool.exec(shown)?.[1]
    const module = writeModule.exec(shown)?.[1]
    if (tool !== undefined) {
      yield { node: call.node, message: `\`${name}\` runs the EPICS command-line tool ${tool}, which writes to a process variable` }
    } else if (module !== undefined) {
      yield { node: call.node, message: `\`${name}\` runs \`python -m ${module.replace(/\s+/g, " ")}\`, which writes to a process variable` }
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
    whatItDoes:
      "Finds processes started with the EPICS command-line write tools (`caput`, `pvput`, `caproto-put`, ... as listed in data/libraries.yaml), with `python -m p4p.client.cli put`, or with a command built at run time.",
    whyIsThisBad: "`subprocess.run([\"caput\", pv, value])` changes the machine as surely as `epics.caput`; a command built from variables may be one.",
    example: 'subprocess.run(["caput", "SR:Q01:CURRENT_SP", "12.5"])',
    useInstead: "Write with pyepics in the code itself, where the analyzer and the approver can see it."
  },
  check
}
