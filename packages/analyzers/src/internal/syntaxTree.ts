import * as Flat from "@pyexec/python-tree"
import Python from "tree-sitter-python"

/**
 * A plain copy of the named nodes of a tree-sitter tree (comments and string quotes left out). The native
 * module parses and writes the kept nodes into one array in a single call: reading a tree through the
 * tree-sitter binding costs a crossing into C++ per node property, and the analysis reads each node many times.
 * Offsets are JS string indexes into the source.
 */
export interface Node {
  /** The node's place in its tree in document order: the root is 0, and no two nodes of a tree share one. */
  readonly id: number
  readonly type: string
  readonly start: number
  readonly end: number
  readonly children: Array<Node>
}

/** Kinds without named children. */
const leaves = new Set(["identifier", "integer", "float", "true", "false", "none", "ellipsis"])

/** Named kinds no rule reads: a string's quotes and the escapes inside its content. */
const dropped = new Set(["comment", "string_start", "string_end", "escape_sequence"])

/**
 * The same text as an internalized string (property keys are): the analysis dispatches on `node.type` in
 * many `switch`es, and internalized strings compare by pointer.
 */
const internalized = (text: string): string => Object.keys({ [text]: 0 })[0]!

const language = (Python as unknown as { language: Flat.Language }).language

/** By symbol id: the kind's name, and whether the copy keeps it (and its subtree). */
const names: Array<string> = []
const policy = new Uint8Array(Flat.ERROR_SYMBOL + 1)
for (const [id, [name, named]] of Flat.symbols(language).entries()) {
  names[id] = internalized(name)
  policy[id] = !named || dropped.has(name) ? 0 : leaves.has(name) ? 2 : 1
}
names[Flat.ERROR_SYMBOL] = "ERROR"
policy[Flat.ERROR_SYMBOL] = 1

export interface SyntaxTree {
  readonly root: Node
  /** Whether tree-sitter found a syntax error (then the tree holds ERROR and zero-width missing nodes). */
  readonly hasError: boolean
}

/**
 * The first `length` of `gathered` in a new array. Array literals for the common lengths (one to three children:
 * 19 parents in 20): V8 sees where each literal array is made, and that these outlive a young-generation
 * collection, and then allocates them in the old generation, where the collections of the young one no longer
 * copy them (a fifth fewer of those collections than with `slice`, which gets no such treatment).
 */
const exactly = (gathered: ReadonlyArray<Node>, length: number): Array<Node> => {
  switch (length) {
    case 1:
      return [gathered[0]!]
    case 2:
      return [gathered[0]!, gathered[1]!]
    case 3:
      return [gathered[0]!, gathered[1]!, gathered[2]!]
    default:
      return gathered.slice(0, length)
  }
}

export const parseTree = (source: string): SyntaxTree => {
  const { records, hasError } = Flat.parse(language, source, policy)
  const count = records.length / Flat.FIELDS
  // The children of every node that has none: one shared array instead of one each. Not frozen: loops over
  // frozen arrays take V8's slow path; not shared between trees, so a stray push stays in one tree.
  const none: Array<Node> = []
  const nodes: Array<Node> = new Array(count)
  for (let id = 0, at = 0; id < count; id++, at += Flat.FIELDS) {
    nodes[id] = { id, type: names[records[at + Flat.TYPE]!]!, start: records[at + Flat.START]!, end: records[at + Flat.END]!, children: none }
  }
  // Each node's children are gathered here, then copied into an array of their exact length: an array grown by
  // `push` reserves 16 slots or more, and the tree's arrays were a third of what an analysis allocated.
  const gathered: Array<Node> = []
  for (let id = 0; id < count; id++) {
    const after = records[id * Flat.FIELDS + Flat.NEXT]!
    if (after === id + 1) continue
    let length = 0
    for (let child = id + 1; child < after; child = records[child * Flat.FIELDS + Flat.NEXT]!) gathered[length++] = nodes[child]!
    ;(nodes[id] as { children: Array<Node> }).children = exactly(gathered, length)
  }
  return { root: nodes[0]!, hasError }
}

/** Turns string offsets into 1-based lines and columns. */
export const lineIndex = (source: string) => {
  const starts = [0]
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1)
  return (offset: number): { line: number; column: number } => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}
