/**
 * The analyzer's semantic model of a piece of Python: a flow-insensitive abstract interpretation over the
 * tree-sitter nodes. `build` wires the parts, in order:
 * - `state.ts`    the scopes and the slots values are bound in, with who read what (`State`);
 * - `evaluate.ts` what an expression may evaluate to over the slots;
 * - `flow.ts`     what the statements bind, pass after pass until nothing changes;
 * - `sites.ts`    a final pass recording writes, reads, unknown EPICS calls, calls and namespace access;
 * - `values.ts`   the abstract values themselves (`Value`) and what the library table says of each.
 */
import type { Node } from "../syntaxTree.js"
import { makeEvaluator } from "./evaluate.js"
import { runFlow } from "./flow.js"
import { collectSites, type Sites } from "./sites.js"
import { State } from "./state.js"
import { describe, EMPTY, type Value, type Values } from "./values.js"

export { classify, literalString, type Value } from "./values.js"

/** `untraced`: a write method called, or a write attribute set, on a value the model cannot trace (`unknown`). */
export type SiteKind = "call" | "reference" | "store" | "setattr" | "untraced"

export interface WriteSite {
  readonly node: Node
  readonly kind: SiteKind
  readonly what: string
}

export interface CallSite {
  readonly node: Node
  readonly function: Node
  readonly callee: Values
  /** The qualified names the callee may be (`subprocess.run`, `exec`, `pathlib.Path.unlink`); most calls have none. */
  readonly names: ReadonlyArray<string>
  readonly positional: ReadonlyArray<Node>
  readonly keywords: ReadonlyMap<string, Node>
  /** The values each positional argument may hold. */
  readonly argValues: (i: number) => Values
}

/** The sites of `sites.ts` (writes, reads, calls, escapes ...), and what rules may ask of the values. */
export interface SemanticModel extends Sites {
  readonly source: string
  /** Every import statement of the code (also in functions, classes and blocks), in order. */
  readonly imports: ReadonlyArray<Node>
  /** False when the flow of values did not settle within its passes: the findings may be incomplete. */
  readonly settled: boolean
  readonly text: (node: Node) => string
  /** Qualified names of what a value set may be: for rule messages. */
  readonly describe: (values: Values) => string
  /** What an expression node may evaluate to (identifiers, attributes, calls the analysis visited). */
  readonly valuesAt: (node: Node) => Values
  /** The qualified names (`epics.caput`, `epics.PV.put`) an expression node may refer to. */
  readonly namesAt: (node: Node) => ReadonlyArray<string>
  /**
   * What rules derive from the model once, kept with it: a WeakMap keyed by the model would keep every model
   * alive through each young-generation GC until a full one.
   */
  readonly memo: <T>(key: symbol, make: () => T) => T
}

/** `tracked`: prefixes of extra qualified names to follow (see Rule.tracks). */
export const build = (root: Node, source: string, tracked: ReadonlySet<string> = new Set()): SemanticModel => {
  const state = new State(root, source, tracked)
  const evaluator = makeEvaluator(state)
  const settled = runFlow(state, evaluator)
  const sites = collectSites(state, evaluator)

  // What the final pass evaluated stays in the memo arrays, under its visit number.
  const { memoVisit, memoNode, memoValues } = state
  const final = state.visit
  const valuesAt = (node: Node): Values => (memoVisit[node.id] === final && memoNode[node.id] === node ? memoValues[node.id]! : EMPTY)
  const namesAt = (node: Node): ReadonlyArray<string> =>
    [...valuesAt(node)].flatMap((v: Value) => (v.startsWith("q:") ? [v.slice(2)] : v.startsWith("meth:") ? [v.slice(5)] : v.startsWith("obj:") ? [`${v.slice(4)}()`] : []))
  const memos = new Map<symbol, unknown>()
  const memo = <T>(key: symbol, make: () => T): T => {
    if (!memos.has(key)) memos.set(key, make())
    return memos.get(key) as T
  }
  return { ...sites, source, imports: state.module.imports!, text: state.text, settled, describe, valuesAt, namesAt, memo }
}
