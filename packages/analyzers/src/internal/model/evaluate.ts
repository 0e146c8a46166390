/**
 * What an expression may evaluate to, over the slots of a State as they are now. Evaluating reads slots
 * (and so records what the part being visited depends on) but binds nothing: binding is the flow's.
 */
import * as Lib from "../libraries.js"
import type { Scope } from "../scopes.js"
import type { Node } from "../syntaxTree.js"
import type { State } from "./state.js"
import { classify, EMPTY, isEpicsValue, literalString, partsOf, union, type Value, type Values } from "./values.js"

const maxQualifiedDepth = 7

export interface Evaluator {
  /** What `node` may evaluate to in `scope`; worked out once per node and visit (`State.visit`). */
  readonly evaluate: (node: Node, scope: Scope) => Values
  /** Attribute `name` of one value. */
  readonly attrOf: (v: Value, name: string, depth?: number) => Values
  /** What calling a class value gives. */
  readonly instanceOf: (v: Value) => Values
  /** What calling one value at `call` gives. */
  readonly callResult: (v: Value, call: Node, scope: Scope) => Values
}

/** The evaluation functions over one State (closures over it, as one closure over the whole build was: as fast). */
export const makeEvaluator = (state: State): Evaluator => {
  const { text, one, scopes, byId, tracked, memoVisit, memoNode, memoValues } = state

  /** `q:NAME.name`, by `q:NAME` and `name`: modules' members are looked up again and again. */
  const qualifiedAttributes = new Map<Value, Map<string, Values>>()

  const attrOf = (v: Value, name: string, depth = 0): Values => {
    if (depth > 8) return EMPTY
    // Qualified names stop at a depth no library in the table reaches: `x = x.a` in a loop must not mint names forever.
    if (v.startsWith("q:")) {
      let byName = qualifiedAttributes.get(v)
      if (!byName) {
        byName = new Map()
        qualifiedAttributes.set(v, byName)
      }
      let out = byName.get(name)
      if (out === undefined) {
        const next = `${v.slice(2)}.${name}`
        out = partsOf(v) >= maxQualifiedDepth || !Lib.isTracked(next, tracked) ? EMPTY : one(`q:${next}`)
        byName.set(name, out)
      }
      return out
    }
    if (v.startsWith("obj:")) {
      const info = Lib.classes.get(v.slice(4))
      const known = info && (info.writers.has(name) || info.readers.has(name) || info.factories.has(name) || info.dangerous?.has(name))
      if (info && !known && info.neutral.has(name)) return EMPTY
      // a container of EPICS objects holds them as its values: `pvs.items()` is the container's method
      if (!known && (Lib.passthroughMethods.has(name) || Lib.storingMethods.has(name))) return EMPTY
      return one(`meth:${v.slice(4)}.${name}`)
    }
    if (v === "epics-any" || v === "reflect") return one("epics-any")
    if (v.startsWith("inst:") || v.startsWith("cls:")) {
      const classScope = byId.get(Number(v.slice(v.indexOf(":") + 1)))!
      const method = state.methodOf(classScope, name)
      let out: Values = method ? one(`${v.startsWith("inst:") && method.selfIs === "instance" ? "bfn" : "fn"}:${method.id}`) : EMPTY
      out = union(out, state.get(state.nameIn(classScope.id, name)))
      out = union(out, state.get(state.attribute(name)))
      for (const base of state.basesOf(classScope.id)) {
        const asInstance = v.startsWith("inst:") ? instanceOf(base) : new Set([base])
        for (const b of asInstance) out = union(out, attrOf(b, name, depth + 1))
      }
      return out
    }
    return EMPTY
  }

  const instanceOf = (v: Value): Values => {
    if (v.startsWith("cls:")) return one(`inst:${v.slice(4)}`)
    if (v.startsWith("q:")) {
      const member = Lib.members.get(v.slice(2))
      if (member?.kind === "class" || member?.kind === "factory") return one(`obj:${member.returns}`)
      if (isEpicsValue(v)) return one("epics-any")
    }
    return EMPTY
  }

  const callResult = (v: Value, call: Node, scope: Scope): Values => {
    if (v.startsWith("q:")) {
      const positional = (call.children[1]?.children ?? []).filter((a) => a.type !== "keyword_argument")
      const q = v.slice(2)
      const member = Lib.members.get(q)
      if (member?.kind === "passthrough") return positional[0] ? evaluate(positional[0], scope) : EMPTY
      if (member && q !== "pathlib.Path" && q !== "pathlib.PosixPath") return member.kind === "class" || member.kind === "factory" ? instanceOf(v) : EMPTY
      if (q === "getattr" && positional[0]) {
        const name = literalString(positional[1], text)
        const target = evaluate(positional[0], scope)
        if (name !== undefined) return [...target].reduce((acc, t) => union(acc, attrOf(t, name)), EMPTY)
        return [...target].some(isEpicsValue) ? one("epics-any") : EMPTY
      }
      if (q === "__import__" || q === "importlib.import_module") {
        const name = literalString(positional[0], text)
        return name === undefined ? one("epics-any") : one(`q:${q === "__import__" ? name.split(".")[0] : name}`)
      }
      if (q === "globals" || q === "locals" || (q === "vars" && positional.length === 0)) return one("reflect")
      if (q === "vars" && [...evaluate(positional[0]!, scope)].some((a) => a.startsWith("q:") || isEpicsValue(a))) return one("reflect")
      if ((member?.kind === "class" || member === undefined) && (q === "pathlib.Path" || q === "pathlib.PosixPath")) {
        const path = literalString(positional[0], text)
        if (path !== undefined && Lib.isOutsidePath(path)) return one(`obj:${Lib.outsidePath}`)
      }
      if (Lib.passthroughBuiltins.has(q)) {
        let out: Values = EMPTY
        for (const a of positional) out = union(out, evaluate(a, scope))
        return out
      }
      if (member) return instanceOf(v)
      // an unknown member of an EPICS library gives something from EPICS that cannot be named
      return classify(v) === "unknown-epics" ? one("epics-any") : EMPTY
    }
    if (v.startsWith("meth:")) {
      const rest = v.slice(5)
      const dot = rest.lastIndexOf(".")
      const returns = Lib.classes.get(rest.slice(0, dot))?.factories.get(rest.slice(dot + 1))
      return returns ? one(`obj:${returns}`) : EMPTY
    }
    if (v.startsWith("fn:") || v.startsWith("bfn:")) return state.get(state.returnsOf(Number(v.slice(v.indexOf(":") + 1))))
    if (v.startsWith("cls:")) return instanceOf(v)
    if (v === "epics-any" || v === "reflect") return one("epics-any")
    return EMPTY
  }

  const evaluate = (node: Node, scope: Scope): Values => {
    if (memoVisit[node.id] === state.visit) return memoValues[node.id]!
    const result = evaluateUncached(node, scope)
    memoVisit[node.id] = state.visit
    memoNode[node.id] = node
    memoValues[node.id] = result
    return result
  }

  const evaluateUncached = (node: Node, scope: Scope): Values => {
    const first = node.children[0]
    const second = node.children[1]
    switch (node.type) {
      case "identifier":
        return state.lookup(scope, text(node))
      case "attribute": {
        if (!first || !second) return EMPTY
        const name = text(second)
        let out: Values = EMPTY
        const objects = evaluate(first, scope)
        // iterating a set allocates: most expressions have no values
        if (objects.size > 0) for (const v of objects) out = union(out, attrOf(v, name))
        return out
      }
      case "call": {
        if (!first) return EMPTY
        let out: Values = EMPTY
        const callee = evaluate(first, scope)
        if (callee.size > 0) for (const v of callee) out = union(out, callResult(v, node, scope))
        if (first.type === "attribute" && first.children[1] && Lib.passthroughMethods.has(text(first.children[1])) && first.children[0]) {
          out = union(out, evaluate(first.children[0], scope))
        }
        return out
      }
      case "subscript": {
        const container = first ? evaluate(first, scope) : EMPTY
        return container.has("reflect") ? union(container, one("epics-any")) : container
      }
      case "lambda":
        return one(`fn:${scopes.get(node)!.id}`)
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
        return first ? evaluate(first, scopes.get(node)!) : EMPTY
      case "dictionary_comprehension":
        return first?.children[1] ? evaluate(first.children[1], scopes.get(node)!) : EMPTY
      case "pair":
        return second ? evaluate(second, scope) : EMPTY
      case "binary_operator": {
        // `Path("..") / "x"` is still that path; other operators give values of no interest
        let paths: Set<Value> | undefined
        const left = first ? evaluate(first, scope) : EMPTY
        if (left.size > 0) {
          for (const v of left) {
            if (!v.startsWith("obj:pathlib.")) continue
            paths ??= new Set()
            paths.add(v)
          }
        }
        return paths ?? EMPTY
      }
      case "conditional_expression":
        return union(first ? evaluate(first, scope) : EMPTY, node.children[2] ? evaluate(node.children[2], scope) : EMPTY)
      case "named_expression":
        return second ? evaluate(second, scope) : EMPTY
      case "list":
      case "tuple":
      case "set":
      case "dictionary":
      case "expression_list":
      case "pattern_list":
      case "boolean_operator":
      case "parenthesized_expression":
      case "await":
      case "list_splat":
      case "dictionary_splat":
      case "keyword_argument": {
        let out: Values = EMPTY
        for (let i = node.type === "keyword_argument" ? 1 : 0; i < node.children.length; i++) out = union(out, evaluate(node.children[i]!, scope))
        return out
      }
      default:
        return EMPTY
    }
  }

  return { evaluate, attrOf, instanceOf, callResult }
}
