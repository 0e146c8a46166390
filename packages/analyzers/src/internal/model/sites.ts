/**
 * The final pass, after the flow settled: every expression of the code once, recording what the rules
 * look at: EPICS writes and reads, calls into EPICS whose effect is unknown, every call, and loads that
 * reach a namespace by a non-literal way.
 */
import * as Lib from "../libraries.js"
import type { Scope } from "../scopes.js"
import type { Node } from "../syntaxTree.js"
import type { Evaluator } from "./evaluate.js"
import type { CallSite, SiteKind, WriteSite } from "./index.js"
import type { State } from "./state.js"
import { classify, describe, EMPTY, isEpicsValue, literalString, type Values } from "./values.js"

export interface Sites {
  readonly writes: ReadonlyArray<WriteSite>
  readonly reads: ReadonlyArray<WriteSite>
  readonly unknownEpicsCalls: ReadonlyArray<WriteSite>
  readonly calls: ReadonlyArray<CallSite>
  readonly namespaceAccess: ReadonlyArray<WriteSite>
}

const noNames: ReadonlyArray<string> = []

const named = (values: Values, wanted: (k: ReturnType<typeof classify>) => boolean) => describe(new Set([...values].filter((v) => wanted(classify(v)))))

/** Visits the code once more, in a visit of its own (`State.visit`), with the values the flow settled on. */
export const collectSites = (state: State, { evaluate }: Evaluator): Sites => {
  const { text, scopes, root, module } = state
  state.visit++
  const writes: Array<WriteSite> = []
  const reads: Array<WriteSite> = []
  const unknownEpicsCalls: Array<WriteSite> = []
  const calls: Array<CallSite> = []
  // the keywords of every call that has none (most calls)
  const noKeywords = new Map<string, Node>()
  const namespaceAccess: Array<WriteSite> = []

  // (No closures over the parameters of the functions below that run for every node: V8 would allocate their context on every call.)

  /** Records a write, an unknown EPICS call or a read at `node`; most expressions are none of these. */
  const report = (node: Node, values: Values, kind: SiteKind) => {
    if (values.size === 0) return
    let write = false
    let unknown = false
    let read = false
    for (const v of values) {
      const k = classify(v)
      if (k === "write") write = true
      else if (k === "unknown-epics") unknown = true
      else if (k === "read") read = true
    }
    if (!write && !unknown && !read) return
    if (write) writes.push({ node, kind, what: named(values, (k) => k === "write") })
    else if (kind === "call" && unknown) unknownEpicsCalls.push({ node, kind, what: named(values, (k) => k !== undefined) })
    else if (read) reads.push({ node, kind, what: named(values, (k) => k === "read") })
  }

  const callSite = (node: Node, first: Node, callee: Values, args: ReadonlyArray<Node>, scope: Scope): CallSite => {
    const positional = args.filter((a) => a.type !== "keyword_argument")
    let keywords = noKeywords
    for (const a of args) {
      if (a.type === "keyword_argument" && a.children[0] && a.children[1]) {
        if (keywords === noKeywords) keywords = new Map()
        keywords.set(text(a.children[0]), a.children[1])
      }
    }
    const names = callee.size === 0 ? noNames : [...callee].flatMap((v) => (v.startsWith("q:") ? [v.slice(2)] : v.startsWith("meth:") ? [v.slice(5)] : []))
    return { node, function: first, callee, names, positional, keywords, argValues: (i) => (positional[i] ? evaluate(positional[i], scope) : EMPTY) }
  }

  /** The targets of an assignment: a store to an attribute of an EPICS object is a write. */
  const storeTarget = (target: Node, scope: Scope) => {
    if (target.type === "attribute" && target.children[0] && target.children[1]) {
      const object = evaluate(target.children[0], scope)
      const name = text(target.children[1])
      if (object.size > 0) for (const v of object) {
        const info = v.startsWith("obj:") ? Lib.classes.get(v.slice(4)) : undefined
        if ((info?.epics && (info.settable.has(name) || !info.neutral.has(name))) || v === "epics-any") {
          writes.push({ node: target, kind: "store", what: `${v === "epics-any" ? "an EPICS object" : v.slice(4)}.${name}` })
          break
        }
      }
      sites(target.children[0], scope)
    } else if (target.type === "subscript") {
      for (const child of target.children) sites(child, scope)
    } else {
      for (const child of target.children) storeTarget(child, scope)
    }
  }

  const sites = (node: Node, scope: Scope): void => {
    const first = node.children[0]
    const second = node.children[1]
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        const inner = scopes.get(node)!
        for (const child of node.children) {
          if (child.type === "block") sites(child, inner)
          else if (child.type === "parameters") for (const p of child.children) for (let i = 1; i < p.children.length; i++) sites(p.children[i]!, scope)
          else if (child !== first) sites(child, scope)
        }
        return
      }
      case "lambda":
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = scopes.get(node)!
        for (const child of node.children) if (child.type !== "lambda_parameters") sites(child, inner)
        return
      }
      case "import_statement":
      case "import_from_statement":
      case "global_statement":
      case "nonlocal_statement":
        return
      case "assignment":
      case "augmented_assignment":
      case "for_statement":
      case "for_in_clause":
        if (first) storeTarget(first, scope)
        for (let i = 1; i < node.children.length; i++) sites(node.children[i]!, scope)
        if (node.type === "augmented_assignment" && first?.type === "identifier") sites(first, scope)
        return
      case "keyword_argument":
        if (second) sites(second, scope)
        return
      case "call": {
        if (!first) return
        const callee = evaluate(first, scope)
        report(node, callee, "call")
        const call = callSite(node, first, callee, second?.type === "argument_list" ? second.children : [], scope)
        calls.push(call)
        const positional = call.positional
        const method = callee.has("q:operator.methodcaller") ? literalString(positional[0], text) : undefined
        if (method !== undefined && Lib.anyEpicsWriterMethod.has(method)) writes.push({ node, kind: "call", what: `operator.methodcaller("${method}"), which calls an EPICS write method by name` })
        if (callee.has("q:setattr") && positional[0]) {
          const target = evaluate(positional[0], scope)
          if ([...target].some((v) => isEpicsValue(v) || v.startsWith("obj:"))) writes.push({ node, kind: "setattr", what: `setattr on ${describe(target)}` })
        }
        // the callee itself is reported with the call; look inside it for what it is made of
        if (first.type === "attribute") {
          if (first.children[0]) sites(first.children[0], scope)
        } else if (first.type !== "identifier") sites(first, scope)
        if (second) sites(second, scope)
        return
      }
      case "identifier":
      case "attribute": {
        const values = evaluate(node, scope)
        report(node, values, "reference")
        if (node.type === "attribute") {
          const name = second ? text(second) : ""
          const viaSys = name === "modules" && first !== undefined && evaluate(first, scope).has("q:sys")
          if (viaSys || name === "__dict__" || name === "__builtins__" || name === "__globals__") namespaceAccess.push({ node, kind: "reference", what: text(node) })
          // report only the outermost chain: `epics.ca.put` once, not `epics.ca` too
          if (first && first.type !== "identifier" && first.type !== "attribute") sites(first, scope)
          else if (first?.type === "attribute") sitesInside(first, scope)
        } else if (text(node) === "__builtins__") namespaceAccess.push({ node, kind: "reference", what: "__builtins__" })
        return
      }
    }
    for (const child of node.children) sites(child, scope)
  }

  /** Inside an attribute chain, only calls and subscripts are sites of their own. */
  const sitesInside = (node: Node, scope: Scope): void => {
    const first = node.children[0]
    if (!first) return
    if (first.type === "attribute") sitesInside(first, scope)
    else if (first.type !== "identifier") sites(first, scope)
  }

  for (const child of root.children) sites(child, module)
  return { writes, reads, unknownEpicsCalls, calls, namespaceAccess }
}
