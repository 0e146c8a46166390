/**
 * The flow of values: what each statement binds (names, returns, attributes, bases, parameters), repeated
 * over the code until no slot grows. Flow-insensitive: the order of statements only decides how many passes
 * it takes.
 */
import * as Lib from "../libraries.js"
import type { Node } from "../syntaxTree.js"
import { enclosingFunction, type Scope } from "../scopes.js"
import { type Evaluator, sentSlot } from "./evaluate.js"
import type { FlowPart, State } from "./state.js"
import { EMPTY, element, isEpicsValue, literalString, union, unwrap, type Value, type Values } from "./values.js"

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
/**
 * Parameters under which EPICS library code hands its own objects to a callback: pyepics' `cb_info=(index, pv)`,
 * ophyd's `obj=signal`, and any `**kwargs`. Its other parameters get data (value, pvname, timestamp ...).
 */
const callbackObjects = new Set(["obj", "cb_info", "sub", "subscription", "pv", "signal", "device", "motor", "context", "ctx", "chan", "channel"])

const enterMethods = ["__enter__", "__aenter__"]
const iterationMethods = ["__iter__", "__next__", "__aiter__", "__anext__"]

export const runFlow = (state: State, { evaluate, attrOf, argumentsOf, receiverOf }: Evaluator): boolean => {
  const { text, one, wrapIn, scopes, byId, tracked, module, root, dependencies } = state

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
        // `pvs["qf"] = pv`: the container holds it
        if (target.children[0]) bind(target.children[0], wrapIn(values), scope)
        return
      case "list_splat_pattern":
      case "list_splat":
        // `a, *rest = pvs`: rest is a list of the elements
        for (const child of target.children) bind(child, wrapIn(unwrap(values)), scope)
        return
      default: {
        // `a, b = pvs`: each name gets an element
        const elements = unwrap(values)
        for (const child of target.children) bind(child, elements, scope)
      }
    }
  }

  /**
   * What a `case` pattern captures from the subject: `case Magnet(pv=p)` the subject's attribute, `case {"pv": p}`
   * and `case [p, *rest]` its elements, `case x` and `case ... as x` the subject itself.
   */
  const bindPattern = (pattern: Node, values: Values, scope: Scope): void => {
    const name = (n: Node) => state.add(state.bindingOf(scope, text(n)) ?? state.nameIn(scope.id, text(n)), values)
    switch (pattern.type) {
      case "dotted_name":
        if (pattern.children.length === 1) name(pattern.children[0]!)
        return
      case "identifier":
        name(pattern)
        return
      case "class_pattern":
        for (const arg of pattern.children.slice(1)) {
          const keyword = arg.children[0]?.type === "keyword_pattern" ? arg.children[0] : undefined
          if (keyword?.children[0] && keyword.children[1]) {
            let attribute: Values = EMPTY
            for (const v of values) attribute = union(attribute, attrOf(v, text(keyword.children[0])))
            bindPattern(keyword.children[1], attribute, scope)
          } else bindPattern(arg, union(union(values, unwrap(values)), state.unknown), scope)
        }
        return
      case "dict_pattern":
      case "list_pattern":
      case "tuple_pattern":
        for (const child of pattern.children) if (child.type !== "string") bindPattern(child, child.type === "splat_pattern" ? values : unwrap(values), scope)
        return
      case "as_pattern":
        if (pattern.children[0]) bindPattern(pattern.children[0], values, scope)
        if (pattern.children[1]) name(pattern.children[1])
        return
      default:
        for (const child of pattern.children) bindPattern(child, values, scope)
    }
  }

  /** What the methods of these names return, over the instances of classes of the code among `values`. */
  const protocol = (values: Values, methods: ReadonlyArray<string>): Values => {
    let out: Values = EMPTY
    for (const v of values) {
      if (!v.startsWith("inst:")) continue
      const classScope = byId.get(Number(v.slice(5)))!
      for (const m of methods) {
        const method = state.methodOf(classScope, m)
        if (method) out = union(out, state.get(state.returnsOf(method.id)))
      }
    }
    return out
  }

  /** Functions of the code among values handed on (stored, returned): their parameters may hold anything. */
  const passedOn = (values: Values) => {
    if (!state.usesEpics || values.size === 0) return
    for (const v of values) {
      const f = element(v)
      if (!f.startsWith("fn:") && !f.startsWith("bfn:")) continue
      const target = byId.get(Number(f.slice(f.indexOf(":") + 1)))
      // (a method's `self` is still its instance)
      const self = target?.methodOf && target.selfIs !== "none" ? 1 : 0
      if (target) for (const param of target.params.slice(self)) toParameter(target, param, state.unknown)
    }
  }

  /** Adds values to a parameter of the function with scope `target`. */
  const toParameter = (target: Scope, name: string, values: Values) => {
    if (values.size > 0) state.add(state.nameIn(target.id, name), values)
  }

  /** A method of a class of the code or of its bases of the code. */
  const inherited = (classScope: Scope, name: string, depth = 0): Scope | undefined => {
    const own = state.methodOf(classScope, name)
    if (own || depth > 8) return own
    for (const base of state.basesOf(classScope.id)) {
      const found = base.startsWith("cls:") ? inherited(byId.get(Number(base.slice(4)))!, name, depth + 1) : undefined
      if (found) return found
    }
    return undefined
  }

  /** The function a value calls (and whether its first parameter is already bound), if the code defines it. */
  const calledScope = (v: Value): { target: Scope | undefined; offset: number } => {
    if (v.startsWith("fn:") || v.startsWith("bfn:")) return { target: byId.get(Number(v.slice(v.indexOf(":") + 1))), offset: v.startsWith("bfn:") ? 1 : 0 }
    if (v.startsWith("cls:")) return { target: inherited(byId.get(Number(v.slice(4)))!, "__init__"), offset: 1 }
    if (v.startsWith("inst:")) return { target: state.methodOf(byId.get(Number(v.slice(5)))!, "__call__"), offset: 1 }
    return { target: undefined, offset: 0 }
  }

  /**
   * A class of the code without an `__init__` of its own (a dataclass, a NamedTuple): its arguments become
   * its fields, by keyword or in the order the class body annotates them.
   */
  const fieldsOf = new Map<Scope, ReadonlyArray<string>>()
  const flowFields = (classScope: Scope, args: ReadonlyArray<Node>, scope: Scope) => {
    let fields = fieldsOf.get(classScope)
    if (fields === undefined) {
      fields = (classScope.node.children.find((c) => c.type === "block")?.children ?? []).flatMap((statement) => {
        const assignment = statement.type === "expression_statement" ? statement.children[0] : undefined
        return assignment?.type === "assignment" && assignment.children[0]?.type === "identifier" && assignment.children.some((c) => c.type === "type") ? [text(assignment.children[0])] : []
      })
      fieldsOf.set(classScope, fields)
    }
    // a positional argument may be any field: fields of base classes come first, `ClassVar`s are not fields
    for (const arg of args) {
      if (arg.type === "keyword_argument" && arg.children[0] && arg.children[1]) state.add(state.attribute(text(arg.children[0])), evaluate(arg.children[1], scope))
      else for (const f of fields) state.add(state.attribute(f), evaluate(arg, scope))
    }
  }

  /**
   * Functions handed to code the model does not follow (`executor.submit(f, pv)`, `map(f, pvs)`, `Thread(target=f,
   * args=(pv,))`, `pv.add_callback(f)`): it may call them with what it was given, so every parameter gets the
   * call's other values and its receiver's. EPICS library code may also pass its own objects (`cb_info`, `obj=`).
   */
  const flowHandedFunctions = (callee: Values, call: Node, scope: Scope) => {
    // without EPICS, what library code hands to a function cannot be an EPICS object
    if (!state.usesEpics) return
    const { functions, others } = argumentsOf(call, scope)
    if (functions.size === 0) return
    const receiver = receiverOf(call, scope)
    const fromEpics = [...callee].some(isEpicsValue) || [...receiver].some(isEpicsValue)
    // EPICS library code hands a callback the call's extra arguments, not the object it was registered on;
    // other library code may hand it anything it was given. Given nothing the model can name: anything.
    const given = fromEpics ? others : union(others, receiver)
    const anything = given.size === 0 ? state.unknown : EMPTY
    const method = call.children[0]?.type === "attribute" ? call.children[0].children[1] : undefined
    const itselfFirst = method !== undefined && [...receiver].some((v) => v.startsWith("obj:") && Lib.classes.get(v.slice(4))?.callsBackWithItself?.has(text(method)))
    for (const f of functions) {
      const { target, offset } = calledScope(f)
      if (!target) continue
      for (let i = offset; i < target.params.length; i++) {
        const param = target.params[i]!
        const many = param === target.varargs || param === target.kwargs
        // EPICS library code calls back with data, and with its own objects under some names only
        const objects = fromEpics && (many || callbackObjects.has(param) || (itselfFirst && i === offset)) ? one("epics-any") : EMPTY
        const values = union(union(given, anything), objects)
        toParameter(target, param, many ? wrapIn(values) : values)
      }
    }
  }

  /** Binds the arguments of a call to the parameters of the functions (or `__init__`s, `__call__`s) it may call. */
  const flowArguments = (callee: Values, call: Node, scope: Scope) => {
    const args = call.children[1]?.type === "argument_list" ? call.children[1].children : []
    let handed = callee.size === 0
    for (const v of callee) {
      const { target, offset } = calledScope(v)
      if (!target) {
        if (v.startsWith("cls:")) flowFields(byId.get(Number(v.slice(4)))!, args, scope)
        else handed = true
        continue
      }
      let i = offset
      for (const arg of args) {
        if (arg.type === "keyword_argument") {
          const name = arg.children[0]
          const value = arg.children[1]
          if (!name || !value) continue
          if (target.params.includes(text(name))) toParameter(target, text(name), evaluate(value, scope))
          else if (target.kwargs) toParameter(target, target.kwargs, wrapIn(evaluate(value, scope)))
        } else if (arg.type === "list_splat" || arg.type === "dictionary_splat") {
          // `f(*args)`: any parameter from here on may get any element
          const elements = evaluate(arg, scope)
          for (let j = arg.type === "list_splat" ? i : offset; j < target.params.length; j++) {
            const param = target.params[j]!
            toParameter(target, param, param === target.varargs || param === target.kwargs ? wrapIn(elements) : elements)
          }
        } else {
          const param = target.params[i]
          if (param !== undefined && param !== target.varargs && param !== target.kwargs) {
            i++
            toParameter(target, param, evaluate(arg, scope))
          } else if (target.varargs) toParameter(target, target.varargs, wrapIn(evaluate(arg, scope)))
        }
      }
    }
    if (handed) flowHandedFunctions(callee, call, scope)
  }

  /** Binds what the statements of a piece of code bind; the passes below repeat it until nothing changes. */
  const flow = (node: Node, scope: Scope): void => {
    // a leaf binds nothing (every case below reads a child): most nodes are identifiers, spared the switch
    if (node.children.length === 0) return
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
        for (const { name: param, value } of inner.defaults) toParameter(inner, param, evaluate(value, scope))
        // a lambda is a value: whatever calls it may hand it anything
        for (const param of inner.params) toParameter(inner, param, state.unknown)
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
        // the first iterable is evaluated where the comprehension is (a class body's names are seen there only)
        const clause = node.children.find((c) => c.type === "for_in_clause")
        if (clause?.children[0] && clause.children[1]) bind(clause.children[0], unwrap(evaluate(clause.children[1], scope)), inner)
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
          // a function stored as a value (in a class body it becomes a method; in a table or an attribute it is
          // called by whoever finds it): it may be called with anything
          passedOn(rhs)
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
        if (first && second) {
          // `for name, pv in pvs.items()`: the model keeps a mapping's values, not its keys
          const items = second.type === "call" && second.children[0]?.type === "attribute" && text(second.children[0].children[1]!) === "items"
          const iterated = evaluate(second, scope)
          // iterating an instance of a class of the code gives what its `__iter__`/`__next__` yield
          const elements = union(unwrap(iterated), protocol(iterated, iterationMethods))
          if (items && first.children.length === 2 && (first.type === "pattern_list" || first.type === "tuple_pattern")) {
            // the keys are not kept apart from the values: a key is anything
            bind(first.children[0]!, state.unknown, scope)
            bind(first.children[1]!, elements, scope)
          } else bind(first, elements, scope)
        }
        break
      case "match_statement": {
        const subject = first && first.type !== "block" ? evaluate(first, scope) : EMPTY
        if (subject.size > 0) {
          for (const block of node.children) {
            if (block.type !== "block") continue
            for (const clause of block.children) for (const pattern of clause.children) if (pattern.type === "case_pattern") bindPattern(pattern, subject, scope)
          }
        }
        break
      }
      case "except_clause":
        for (const child of node.children) if (child.type === "as_pattern" && child.children[1]) bind(child.children[1], state.unknown, scope)
        break
      case "as_pattern":
        if (first && second) {
          // `with C() as x`: x is what `__enter__` returns (the object itself, for most);
          // `with warnings.catch_warnings(record=True) as w`: what was warned, anything (so is `except E as e`)
          const caught = state.unknown.size > 0 && /catch_warnings\s*\(/.test(text(first))
          bind(second, union(caught ? state.unknown : evaluate(first, scope), protocol(evaluate(first, scope), enterMethods)), scope)
        }
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
          const method = first.type === "attribute" && first.children[1] ? text(first.children[1]) : undefined
          if (method !== undefined && first.children[0] && Lib.storingMethods.has(method)) {
            for (const arg of second?.children ?? []) {
              const values = evaluate(arg, scope)
              // `extend`/`update` put in the elements of what they are given
              bind(first.children[0], method === "extend" || method === "update" ? values : wrapIn(values), scope)
            }
          }
          // `gen.send(v)`: v is what a `yield` in the generator evaluates to
          if (method === "send") for (const arg of second?.children ?? []) state.add(state.attribute(sentSlot), evaluate(arg, scope))
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
    // (an index loop: `for…of` over the children allocated iterator objects here, a sixth of what an analysis allocated)
    const children = node.children
    for (let i = 0; i < children.length; i++) flow(children[i]!, scope)
  }

  /** What a definition binds before its body: its name; for a method, `self`; for a class, its bases. */
  const flowHeader = (node: Node, scope: Scope): void => {
    const inner = scopes.get(node)!
    const name = node.children[0]
    // calls in default values, annotations and base lists run when the definition does
    for (const child of node.children) {
      if (child === name || child.type === "block") continue
      if (child.type === "parameters") for (const p of child.children) for (let i = 1; i < p.children.length; i++) flow(p.children[i]!, scope)
      else flow(child, scope)
    }
    if (node.type === "function_definition") {
      if (name) bind(name, one(`fn:${inner.id}`), scope)
      for (const { name: param, value } of inner.defaults) toParameter(inner, param, evaluate(value, scope))
      const applied = decorators.get(node)
      // Python and library code call methods (dunders, property setters, `Encoder.default`, `Filter.filter`) and
      // decorated functions with what the model does not see: their parameters may hold anything
      if (state.usesEpics && ((inner.methodOf && name && text(name) !== "__init__") || applied)) {
        const first = inner.methodOf && inner.selfIs !== "none" ? 1 : 0
        for (const param of inner.params.slice(first)) toParameter(inner, param, state.unknown)
      }
      if (name && applied) flowDecorators(applied, one(`fn:${inner.id}`), name, scope)
      if (inner.methodOf && inner.selfIs !== "none" && inner.params[0]) {
        state.add(state.nameIn(inner.id, inner.params[0]), one(`${inner.selfIs === "instance" ? "inst" : "cls"}:${inner.methodOf.id}`))
      }
      return
    }
    if (name) bind(name, one(`cls:${inner.id}`), scope)
    const applied = decorators.get(node)
    if (name && applied) flowDecorators(applied, one(`cls:${inner.id}`), name, scope)
    for (const child of node.children) {
      if (child.type !== "argument_list") continue
      let bases: Values = EMPTY
      for (const base of child.children) {
        if (base.type === "keyword_argument") continue
        const values = evaluate(base, scope)
        // a base the model does not know (`typing.NamedTuple`, `enum.Enum`, `logging.LoggerAdapter`) is a library's
        if (![...values].some((v) => v.startsWith("cls:"))) state.libraryBased.add(inner.id)
        bases = union(bases, values)
      }
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
   * `@dec def f`: `dec` is called with `f`, and `f` is bound to what it returns too. A decorator of the code gets
   * the function as its first parameter; library code may call it (with nothing the model can name).
   */
  const flowDecorators = (applied: ReadonlyArray<Node>, defined: Values, name: Node, scope: Scope) => {
    for (const decorator of applied) {
      const expression = decorator.children[0]
      if (!expression) continue
      for (const d of evaluate(expression, scope)) {
        const { target, offset } = calledScope(d)
        const param = target?.params[offset]
        if (target && param !== undefined) {
          toParameter(target, param, defined)
          bind(name, wrappersFrom(target, state.get(state.returnsOf(target.id))), scope)
        }
      }
    }
  }

  /**
   * What a decorator returns that stands in for what it decorates: the functions defined inside it (wrappers),
   * and what is not the code's own (a library's wrapper). Not the functions and classes handed to it: a
   * decorator that returns its argument would otherwise bind every name it decorates to all of them.
   */
  const wrappersFrom = (decorator: Scope, returned: Values): Values => {
    let out: Set<Value> | undefined
    for (const v of returned) {
      if (v.startsWith("cls:")) continue
      if (v.startsWith("fn:") || v.startsWith("bfn:")) {
        let s = byId.get(Number(v.slice(v.indexOf(":") + 1)))?.parent
        while (s && s !== decorator) s = s.parent
        if (!s) continue
      }
      out ??= new Set()
      out.add(v)
    }
    return out ?? EMPTY
  }

  /** The decorators of each decorated definition. */
  const decorators = new Map<Node, ReadonlyArray<Node>>()

  /**
   * The code as the flow's units, in the order a pass visits them: each statement, except that a
   * definition's header and the statements of its body are units of their own, so that a change to
   * one name re-visits only the statements that read it.
   */
  const flowParts: Array<FlowPart> = []
  const addParts = (node: Node, scope: Scope): void => {
    if (node.type === "decorated_definition") {
      const definition = node.children[node.children.length - 1]
      if (definition) decorators.set(definition, node.children.filter((c) => c.type === "decorator"))
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
