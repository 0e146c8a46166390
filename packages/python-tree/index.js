import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

const load = () => {
  try {
    return require("./build/Release/python_tree.node")
  } catch (error) {
    throw new Error(
      `@pyexec/python-tree: its native module is not built (${error.message}). Run scripts/setup, or \`pnpm --filter @pyexec/python-tree install\`, which needs a C compiler and Node's headers.`
    )
  }
}

const native = load()

/** tree-sitter's symbol id of an ERROR node (ts_builtin_sym_error), outside the grammar's own symbol table. */
export const ERROR_SYMBOL = 0xffff

export const FIELDS = 4
export const TYPE = 0
export const START = 1
export const END = 2
export const NEXT = 3

export const symbols = (language) => native.symbols(language)

export const parse = (language, source, policy) => native.parse(language, source, policy)
