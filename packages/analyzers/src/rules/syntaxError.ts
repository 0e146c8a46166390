import type { SyntaxNode } from "tree-sitter"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

function* errors(node: SyntaxNode): Generator<SyntaxNode> {
  if (node.isMissing || node.type === "ERROR") {
    yield node
    return
  }
  for (const child of node.children) if (child.hasError || child.isMissing) yield* errors(child)
}

const check = function* (context: RuleContext): Generator<RuleHit> {
  if (!context.hasError) return
  for (const node of errors(context.tree)) {
    const message = node.isMissing
      ? `syntax error: \`${node.type}\` expected here`
      : `syntax error: cannot parse \`${node.text.split("\n")[0]!.slice(0, 40)}\``
    yield { node: { start: node.startIndex, end: node.endIndex }, message }
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
