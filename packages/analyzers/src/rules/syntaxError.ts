import { walk } from "../internal/parse.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const check = function* (context: RuleContext): Generator<RuleHit> {
  if (!context.root.hasError) return
  for (const node of walk(context.root)) {
    if (node.isMissing) {
      yield { node, message: `syntax error: \`${node.type}\` expected here` }
    } else if (node.type === "ERROR") {
      const text = node.text.split("\n")[0]!.slice(0, 40)
      yield { node, message: `syntax error: cannot parse \`${text}\`` }
    }
  }
}

export const syntaxError: Rule = {
  code: "E999",
  name: "syntax-error",
  category: "syntax",
  severity: "error",
  doc: {
    whatItDoes: "Reports code that does not parse as Python, with the line where parsing failed.",
    whyIsThisBad: "Code that does not parse cannot run; the pipeline sends it back to the generator with this message.",
    example: "if x\n    y = 1"
  },
  check
}
