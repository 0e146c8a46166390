import type { Tree } from "tree-sitter"

/**
 * A plain copy of the named nodes of a tree-sitter tree (comments and string quotes left out), made in one cursor
 * walk. Reading a native node costs a crossing into C++ per property; the analysis reads each node
 * many times, so it works on this copy. Offsets are JS string indexes into the source.
 */
export interface Node {
  readonly type: string
  readonly start: number
  readonly end: number
  readonly children: Array<Node>
}

/** Node kind by type id: its name when it is a named node we keep, null otherwise. One native call per node. */
const kinds: Array<string | null> = []

/**
 * The same text as an internalized string (property keys are): the analysis dispatches on `node.type` in
 * many `switch`es, and internalized strings compare by pointer where the native binding's fresh strings
 * compare character by character.
 */
const internalized = (text: string): string => Object.keys({ [text]: 0 })[0]!

/** Kinds that never have children: no need to ask the cursor for them (a native call each). */
const leaves = new Set(["identifier", "integer", "float", "true", "false", "none", "ellipsis"])

/** Named kinds no rule reads: a string's quotes and the escapes inside its content. */
const dropped = new Set(["comment", "string_start", "string_end", "escape_sequence"])

export const fromTree = (tree: Tree): Node => {
  // The children of every node of this tree that has none: one shared array instead of one each. Not frozen:
  // loops over frozen arrays take V8's slow path; not shared between trees, so a stray push stays in one tree.
  const none: Array<Node> = []
  const cursor = tree.walk()
  const root: Node = { type: internalized(cursor.nodeType), start: cursor.startIndex, end: cursor.endIndex, children: none }
  const stack: Array<Node> = [root]
  if (!cursor.gotoFirstChild()) return root
  for (;;) {
    const id = cursor.nodeTypeId
    let type = kinds[id]
    if (type === undefined) {
      type = cursor.nodeIsNamed && !dropped.has(cursor.nodeType) ? internalized(cursor.nodeType) : null
      kinds[id] = type
    }
    if (type !== null) {
      const node: Node = { type, start: cursor.startIndex, end: cursor.endIndex, children: none }
      const parent = stack[stack.length - 1] as { children: Array<Node> }
      if (parent.children === none) parent.children = [node]
      else parent.children.push(node)
      if (!leaves.has(type) && cursor.gotoFirstChild()) {
        stack.push(node)
        continue
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent() || stack.length <= 1) return root
      stack.pop()
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
