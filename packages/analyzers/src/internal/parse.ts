import Parser, { type SyntaxNode, type Tree } from "tree-sitter"
import Python from "tree-sitter-python"

let parser: Parser | undefined

/** One parser per process: creating one loads the grammar. */
export const parse = (source: string): Tree => {
  if (!parser) {
    parser = new Parser()
    parser.setLanguage(Python as unknown as Parser.Language)
  }
  return parser.parse(source)
}

/** Every node below `root`, depth first, in source order. */
export function* walk(root: SyntaxNode): Generator<SyntaxNode> {
  const cursor = root.walk()
  let descending = true
  for (;;) {
    if (descending) yield cursor.currentNode
    if (descending && cursor.gotoFirstChild()) continue
    if (cursor.gotoNextSibling()) {
      descending = true
      continue
    }
    if (!cursor.gotoParent()) return
    descending = false
  }
}
