/**
 * The flow of values: what each statement binds (names, returns, attributes, bases, parameters), repeated
 * over the code until no slot grows. Flow-insensitive: the order of statements only decides how many passes
 * it takes.
 */
import * as Lib from "../libraries.js"
import { enclosingFunction, type Scope } from "../scopes.js"
import type { Node } from "../syntaxTree.js"
import type { Evaluator } from "./evaluate.js"
import type { FlowPart, State } from "./state.js"
import { EMPTY, literalString, union, type Values } from "./values.js"

export const maxFlowPasses = 25

const enclosingNonComprehension = (scope: Scope): Scope => {
  let s = scope
  while (s.kind === "comprehension" && s.parent) s = s.parent
  return s
}

/**
 * Binds what the code binds, pass after pass, until nothing changes or `maxFlowPasses` ran out.
 * Returns whether it settled: false means the findings may be incomplete.
 */
export const runFlow = (state: State, { evaluate }: Evaluator): boolean => {
  const { text, one, scopes, byId, tracked, module, root, dependencies } = state

  /** Binds a target (`a`, `a.b`, `a[i]`, `a, *b`) to values. */
  const bind = (target: Node, values: Values, scope: Scope): void => {
    if (values.size === 0) return
    switch (target.type) {
      case "identifier": {
        const name = text(target)
        state.add(state.bindingOf(scope, name) ?? state.nameIn(scope.id, name), values)
        return
      }
      case "attribute":
        if (target.children[1]) state.add(state.attribute(text(target.children[1])), values)
        return
      case "subscript":
        if (target.children[0]) bind(target.children[0], values, scope)
        return
      default:
        for (const child of target.children) bind(child, values, scope)
    }
  }

  /** Binds the arguments of a call to the parameters of the functions (or `__init__`s) it may call. */
  const flowArguments = (callee: Values, call: Node, scope: Scope) => {
    if (callee.size === 0) return
    const args = call.children[1]?.type === "argument_list" ? call.children[1].children : []
    for (const v of callee) {
      let target: Scope | undefined
      let offset = 0
      if (v.startsWith("fn:") || v.startsWith("bfn:")) {
        target = byId.get(Number(v.slice(v.indexOf(":") + 1)))
        offset = v.startsWith("bfn:") ? 1 : 0
      } else if (v.startsWith("cls:")) {
        target = state.methodOf(byId.get(Number(v.slice(4)))!, "__init__")
        offset = 1
      }
      if (!target) continue
      let i = offset
      for (const arg of args) {
        if (arg.type === "keyword_argument") {
          const name = arg.children[0]
          const value = arg.children[1]
          if (name && value && target.params.includes(text(name))) state.add(state.nameIn(target.id, text(name)), evaluate(value, scope))
        } else if (arg.type !== "list_splat" && arg.type !== "dictionary_splat") {
          const param = target.params[i++]
          if (param) state.add(state.nameIn(target.id, param), evaluate(arg, scope))
        }
      }
    }
  }

  /** Binds what the statements of a piece of code bind; the passes below repeat it until nothing changes. */
  const flow = (node: Node, scope: Scope): void => {
    const first = node.children[0]
    const second = node.children[1]
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        flowHeader(node, scope)
        for (const child of node.children) if (child.type === "block") flow(child, scopes.get(node)!)
        return
      }
      case "lambda": {
        const inner = scopes.get(node)!
        const body = node.children[node.children.length - 1]
        if (body) {
          state.add(state.returnsOf(inner.id), evaluate(body, inner))
          flow(body, inner)
        }
        return
      }
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = scopes.get(node)!
        for (const child of node.children) flow(child, inner)
        return
      }
      case "return_statement":
      case "yield": {
        const fn = enclosingFunction(scope)
        if (fn && first) state.add(state.returnsOf(fn.id), evaluate(first, scope))
        break
      }
      case "assignment": {
        const value = node.children[node.children.length - 1]
        if (first && value && value !== first) {
          const rhs = value.type === "assignment" ? evaluate(value.children[value.children.length - 1]!, scope) : evaluate(value, scope)
          bind(first, rhs, scope)
        }
        break
      }
      case "augmented_assignment":
        if (first && second) bind(first, evaluate(second, scope), scope)
        break
      case "named_expression":
        if (first && second) bind(first, evaluate(second, scope), enclosingNonComprehension(scope))
        break
      case "for_statement":
      case "for_in_clause":
        if (first && second) bind(first, evaluate(second, scope), scope)
        break
      case "as_pattern":
        if (first && second) bind(second, evaluate(first, scope), scope)
        break
      case "import_statement":
        for (const child of node.children) {
          if (child.type === "aliased_import" && child.children[0] && child.children[1]) {
            bind(child.children[1], one(`q:${text(child.children[0]).replace(/\s+/g, "")}`), scope)
          } else if (child.type === "dotted_name") {
            const head = child.children[0]
            if (head) bind(head, one(`q:${text(head)}`), scope)
          }
        }
        return
      case "import_from_statement": {
        if (first?.type !== "dotted_name") return
        const from = text(first).replace(/\s+/g, "")
        for (let i = 1; i < node.children.length; i++) {
          const child = node.children[i]!
          if (child.type === "aliased_import" && child.children[0] && child.children[1]) {
            const q = `${from}.${text(child.children[0])}`
            if (Lib.isTracked(q, tracked)) bind(child.children[1], one(`q:${q}`), scope)
          } else if (child.type === "dotted_name" && Lib.isTracked(`${from}.${text(child)}`, tracked)) {
            bind(child.children[0]!, one(`q:${from}.${text(child)}`), scope)
          }
        }
        return
      }
      case "call": {
        if (first) {
          const callee = evaluate(first, scope)
          flowArguments(callee, node, scope)
          // `pvs.append(pv)`: the container holds what is put in it
          if (first.type === "attribute" && first.children[0] && first.children[1] && Lib.storingMethods.has(text(first.children[1]))) {
            for (const arg of second?.children ?? []) bind(first.children[0], evaluate(arg, scope), scope)
          }
          if (callee.has("q:setattr") && second) {
            const target = second.children[0]
            const name = second.children[1]
            const value = second.children[2]
            const literal = literalString(name, text)
            if (target && literal !== undefined && value) state.add(state.attribute(literal), evaluate(value, scope))
          }
        }
        break
      }
    }
    for (const child of node.children) flow(child, scope)
  }

  /** What a definition binds before its body: its name; for a method, `self`; for a class, its bases. */
  const flowHeader = (node: Node, scope: Scope): void => {
    const inner = scopes.get(node)!
    const name = node.children[0]
    if (node.type === "function_definition") {
      if (name) bind(name, one(`fn:${inner.id}`), scope)
      if (inner.methodOf && inner.selfIs !== "none" && inner.params[0]) {
        state.add(state.nameIn(inner.id, inner.params[0]), one(`${inner.selfIs === "instance" ? "inst" : "cls"}:${inner.methodOf.id}`))
      }
      return
    }
    if (name) bind(name, one(`cls:${inner.id}`), scope)
    for (const child of node.children) {
      if (child.type !== "argument_list") continue
      let bases: Values = EMPTY
      for (const base of child.children) if (base.type !== "keyword_argument") bases = union(bases, evaluate(base, scope))
      const into = state.basesSlot(inner.id)
      const before = into.values
      const after = union(before, bases)
      into.values = after
      if (after.size !== before.size) {
        state.changed = true
        dependencies.changed(into)
      }
    }
  }

  /**
   * The code as the flow's units, in the order a pass visits them: each statement, except that a
   * definition's header and the statements of its body are units of their own, so that a change to
   * one name re-visits only the statements that read it.
   */
  const flowParts: Array<FlowPart> = []
  const addParts = (node: Node, scope: Scope): void => {
    if (node.type === "decorated_definition") {
      for (const child of node.children) addParts(child, scope)
    } else if (node.type === "function_definition" || node.type === "class_definition") {
      flowParts.push({ node, scope, header: true, stale: true })
      const inner = scopes.get(node)!
      for (const child of node.children) if (child.type === "block") for (const statement of child.children) addParts(statement, inner)
    } else {
      flowParts.push({ node, scope, header: false, stale: true })
    }
  }

  for (const child of root.children) addParts(child, module)
  let settled = false
  for (let i = 0; i < maxFlowPasses && !settled; i++) {
    state.changed = false
    for (const part of flowParts) {
      if (!part.stale) continue
      part.stale = false
      dependencies.visit(part)
      state.visit++
      if (part.header) flowHeader(part.node, part.scope)
      else flow(part.node, part.scope)
    }
    settled = !state.changed
  }
  dependencies.visit(undefined)
  return settled
}
