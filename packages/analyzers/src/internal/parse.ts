import Parser, { type Tree } from "tree-sitter"
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
