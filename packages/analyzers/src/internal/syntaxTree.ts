import type { Tree } from "tree-sitter"

/**
 * A plain copy of the named nodes of a tree-sitter tree (comments and string quotes left out), made in one cursor
 * walk. Reading a native node costs a crossing into C++ per property; the analysis reads each node
 * many times, so it works on this copy. Offsets are JS string indexes into the source.
 */
export interface Node {
  /** The node's place in its tree in document order: the root is 0, and no two nodes of a tree share one. */
  readonly id: number
  readonly type: string
  readonly start: number
  readonly end: number
  readonly children: Array<Node>
}

/** Node kind by type id: its name when it is a named node we keep, null otherwise. One native call per node. */
const kinds: Array<string | null> = []
/** By type id: kinds that never have children (no need to ask the cursor for them, a native call each). */
const childless: Array<boolean> = []

/**
 * The same text as an internalized string (property keys are): the analysis dispatches on `node.type` in
 * many `switch`es, and internalized strings compare by pointer where the native binding's fresh strings
 * compare character by character.
 */
const internalized = (text: string): string => Object.keys({ [text]: 0 })[0]!

/** Kinds without named children. */
const leaves = new Set(["identifier", "integer", "float", "true", "false", "none", "ellipsis"])

/** Named kinds no rule reads: a string's quotes and the escapes inside its content. */
const dropped = new Set(["comment", "string_start", "string_end", "escape_sequence"])

/**
 * Where the identifier at `start` ends, read off the source: tree-sitter's identifier is the longest run of
 * identifier characters. -1 when a character outside ASCII decides (tree-sitter's Unicode tables then answer).
 */
const identifierEnd = (source: string, start: number): number => {
  let i = start
  for (;;) {
    const c = source.charCodeAt(i)
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) i++
    else return c >= 128 || i === start ? -1 : i
  }
}

export const fromTree = (tree: Tree, source: string): Node => {
  // The children of every node of this tree that has none: one shared array instead of one each. Not frozen:
  // loops over frozen arrays take V8's slow path; not shared between trees, so a stray push stays in one tree.
  const none: Array<Node> = []
  // A tree with errors may hold zero-width (missing) identifiers: there every end is tree-sitter's.
  const scan = !tree.rootNode.hasError
  const cursor = tree.walk()
  let ids = 0
  const root: Node = { id: ids++, type: internalized(cursor.nodeType), start: cursor.startIndex, end: cursor.endIndex, children: none }
  /** The nodes whose children are being read, and where each one's children begin in `pending`. */
  const open: Array<Node> = [root]
  const marks: Array<number> = [0]
  // children are collected here (up to `top`; setting an array's length is a call into V8's runtime) and
  // copied out in one array of the exact size once their parent is done
  const pending: Array<Node> = []
  let top = 0
  const close = () => {
    const node = open.pop() as { children: Array<Node> }
    const mark = marks.pop()!
    if (top > mark) {
      node.children = pending.slice(mark, top)
      top = mark
    }
  }
  if (!cursor.gotoFirstChild()) return root
  for (;;) {
    const id = cursor.nodeTypeId
    let type = kinds[id]
    if (type === undefined) {
      type = cursor.nodeIsNamed && !dropped.has(cursor.nodeType) ? internalized(cursor.nodeType) : null
      kinds[id] = type
      childless[id] = type !== null && leaves.has(type)
    }
    if (type !== null) {
      const start = cursor.startIndex
      let end = scan && type === "identifier" ? identifierEnd(source, start) : -1
      if (end === -1) end = cursor.endIndex
      const node: Node = { id: ids++, type, start, end, children: none }
      pending[top++] = node
      if (!childless[id] && cursor.gotoFirstChild()) {
        open.push(node)
        marks.push(top)
        continue
      }
    }
    while (!cursor.gotoNextSibling()) {
      close()
      if (open.length === 0 || !cursor.gotoParent()) {
        while (open.length > 0) close()
        return root
      }
    }
  }
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
