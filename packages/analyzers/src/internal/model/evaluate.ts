/**
 * What an expression may evaluate to, over the slots of a State as they are now. Evaluating reads slots
 * (and so records what the part being visited depends on) but binds nothing: binding is the flow's.
 */
import * as Lib from "../libraries.js"
import type { Scope } from "../scopes.js"
import type { Node } from "../syntaxTree.js"
import type { State } from "./state.js"
import { classify, EMPTY, element, isEpicsValue, literalString, partsOf, UNKNOWN, union, unwrap, type Value, type Values,  } from "./values.js"

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
  /** The values of a call's arguments (positional, keyword and unpacked), the functions among them apart. */
  readonly argumentsOf: (call: Node, scope: Scope) => Arguments
  /** The object a method is called on, if it is not a module; a container's elements in its place. */
  readonly receiverOf: (call: Node, scope: Scope) => Values
}

export interface Arguments {
  /** Functions, lambdas and classes of the code passed in: library code may call them. */
  readonly functions: Values
  /** Everything else passed in that matters (`carried`), as passed: containers as containers. */
  readonly given: Values
  /** The same, containers' elements in their place: what library code may hand to the functions. */
  readonly others: Values
}

const noArguments: Arguments = { functions: EMPTY, given: EMPTY, others: EMPTY }

/** What a value that yields receives: `gen.send(v)` puts `v` here (an attribute name no code can write). */
export const sentSlot = " sent"

const isFunction = (v: Value) => v.startsWith("fn:") || v.startsWith("bfn:") || v.startsWith("cls:")
/**
 * What code the model does not follow may hand back or pass on: EPICS values, instances of the code's classes
 * (whose methods may write), and containers of them. Not modules, builtins or functions: that keeps the sets
 * small in large code (pandas' own source), and none of them can write by being handed back.
 */
const carried = (v: Value): boolean => {
  const e = element(v)
  return e.startsWith("inst:") || isEpicsValue(e)
}

/** A library function that only reads or does nothing of note (`caget` handed to `pool.map`): its result is data. */
const harmlessFunction = (v: Value) => {
  const kind = v.startsWith("q:") ? Lib.members.get(v.slice(2))?.kind : undefined
  return kind === "epics-read" || kind === "neutral"
}
/** Methods of containers that hand back one element: `pvs.get("qf")`, `queue.get()`. */
const elementMethods = new Set(["get", "pop", "popitem", "popleft", "setdefault", "__getitem__", "get_nowait"])
/** Builtins that take elements out of what they are given. */
const elementBuiltins = new Set(["next", "min", "max"])
const attributeLookups = new Set(["__getattribute__", "__getattr__"])

/** The evaluation functions over one State (closures over it, as one closure over the whole build was: as fast). */
export const makeEvaluator = (state: State): Evaluator => {
  const { text, one, wrapIn, scopes, byId, tracked, memoVisit, memoNode, memoValues, unknown } = state

  /** A class of the code with a base that is not (a library's: Exception, NamedTuple, Enum, dict, Thread). */
  const extendsLibrary = (classScope: Scope): boolean => {
    if (state.libraryBased.has(classScope.id)) return true
    for (const base of state.basesOf(classScope.id)) if (!base.startsWith("cls:")) return true
    return false
  }

  /** `q:NAME.name`, by `q:NAME` and `name`: modules' members are looked up again and again. */
  const qualifiedAttributes = new Map<Value, Map<string, Values>>()

  const attrOf = (v: Value, name: string, depth = 0): Values => {
    // beyond what the model follows, anything
    if (depth > 8) return isEpicsValue(v) ? one("epics-any") : unknown
    if (v === UNKNOWN) return unknown
    // `f.__call__` is f
    if (name === "__call__" && !v.startsWith("in:")) return one(v)
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
        out = !Lib.isTracked(next, tracked) ? EMPTY : partsOf(v) < maxQualifiedDepth ? one(`q:${next}`) : isEpicsValue(v) ? one("epics-any") : EMPTY
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
      // `dev.valve.get()`: a component of an ophyd Device is a signal or a device of its own
      if (!known && info?.components?.length) return info.components.reduce((acc: Values, c) => union(acc, one(`obj:${c}`)), EMPTY)
      return one(`meth:${v.slice(4)}.${name}`)
    }
    if (v === "epics-any" || v === "reflect") return one("epics-any")
    // a function's attributes (`f.pv = pv`): what the code stored under that name
    if ((v.startsWith("fn:") || v.startsWith("bfn:")) && state.usesEpics) return state.get(state.attribute(name))
    // a container's attributes are its methods (whose results hold its elements) or views of it (`arr.flat`, `df.iloc`)
    if (v.startsWith("in:")) return one(v)
    // an attribute of an unknown member of an EPICS object is as unknown (`ns.p.put` after `SimpleNamespace(p=pv)`)
    if (v.startsWith("meth:")) return classify(v) === "unknown-epics" ? one("epics-any") : EMPTY
    if (v.startsWith("inst:") || v.startsWith("cls:")) {
      const classScope = byId.get(Number(v.slice(v.indexOf(":") + 1)))!
      if (name === "__class__") return one(`cls:${classScope.id}`)
      const method = state.methodOf(classScope, name)
      let out: Values = method ? one(`${v.startsWith("inst:") && method.selfIs === "instance" ? "bfn" : "fn"}:${method.id}`) : EMPTY
      // a property's (or cached_property's) value is what its getter returns
      if (method?.property) out = union(out, state.get(state.returnsOf(method.id)))
      out = union(out, state.get(state.nameIn(classScope.id, name)))
      out = union(out, state.get(state.attribute(name)))
      for (const base of state.basesOf(classScope.id)) {
        const asInstance = v.startsWith("inst:") ? instanceOf(base) : new Set([base])
        for (const b of asInstance) out = union(out, attrOf(b, name, depth + 1))
      }
      // `__getattr__` answers the names the class does not have (a wrapper that forwards to a PV)
      const fallback = state.methodOf(classScope, "__getattr__") ?? state.methodOf(classScope, "__getattribute__")
      if (fallback) out = union(out, state.get(state.returnsOf(fallback.id)))
      // a subclass of a library class gets attributes from it, and the library may make them anew (an Enum
      // member's `.value`, a NamedTuple's fields, a Thread's `_args`)
      return extendsLibrary(classScope) ? union(out, unknown) : out
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
      // a caller by name: the sites check the name it is made with (a write, or one computed at run time)
      if (q === "operator.methodcaller" || q === "operator.attrgetter") return one(`${v}()`)
      // what such a caller gives: a method's result, an attribute
      if (q === "operator.methodcaller()" || q === "operator.attrgetter()") return unknown
      // what was raised, anything
      if (q === "sys.exc_info" || q === "sys.exception") return unknown
      // `type(name, bases, namespace)` makes a class of anything
      if (q === "type" && positional.length === 3) return union(unknown, evaluate(positional[2]!, scope))
      if (member && q !== "pathlib.Path" && q !== "pathlib.PosixPath") return member.kind === "class" || member.kind === "factory" ? instanceOf(v) : EMPTY
      if (q === "getattr" && positional[0]) return union(lookupAttribute(evaluate(positional[0], scope), positional[1]), positional[2] ? evaluate(positional[2], scope) : EMPTY)
      if (q === "super" && positional.length === 0) return superOf(scope)
      // `iter(f, sentinel)` calls f until it returns the sentinel
      if (q === "iter" && positional.length === 2) return wrapIn([...evaluate(positional[0]!, scope)].reduce((acc, f) => union(acc, callResult(f, call, scope)), EMPTY))
      // `map(epics.PV, names)`: what the function makes, one per element
      if (q === "map" && positional[0]) return wrapIn([...evaluate(positional[0], scope)].reduce((acc, f) => union(acc, callResult(f, call, scope)), EMPTY))
      if (q === "__import__" || q === "importlib.import_module") {
        const name = literalString(positional[0], text)
        return name === undefined ? one("epics-any") : one(`q:${q === "__import__" ? name.split(".")[0] : name}`)
      }
      if (q === "globals" || q === "locals" || (q === "vars" && positional.length === 0)) return one("reflect")
      if (q === "vars" && [...evaluate(positional[0]!, scope)].some((a) => a.startsWith("q:") || isEpicsValue(a))) return one("reflect")
      if (q === "vars") return unknown
      if ((member?.kind === "class" || member === undefined) && (q === "pathlib.Path" || q === "pathlib.PosixPath")) {
        const path = literalString(positional[0], text)
        if (path !== undefined && Lib.isOutsidePath(path)) return one(`obj:${Lib.outsidePath}`)
      }
      if (Lib.passthroughBuiltins.has(q)) {
        let out: Values = EMPTY
        // keywords too: `max([], default=pv)`
        for (const a of call.children[1]?.children ?? []) out = union(out, evaluate(a, scope))
        return elementBuiltins.has(q) ? unwrap(out) : out
      }
      if (member) return instanceOf(v)
      // an unknown member of an EPICS library gives something from EPICS that cannot be named
      return classify(v) === "unknown-epics" ? one("epics-any") : EMPTY
    }
    if (v.startsWith("meth:")) {
      const rest = v.slice(5)
      const dot = rest.lastIndexOf(".")
      const returns = Lib.classes.get(rest.slice(0, dot))?.factories.get(rest.slice(dot + 1))
      return returns ? one(`obj:${returns}`) : classify(v) === "unknown-epics" ? one("epics-any") : EMPTY
    }
    if (v.startsWith("fn:") || v.startsWith("bfn:")) return state.get(state.returnsOf(Number(v.slice(v.indexOf(":") + 1))))
    if (v.startsWith("cls:")) return instanceOf(v)
    if (v.startsWith("inst:")) {
      const call = state.methodOf(byId.get(Number(v.slice(5)))!, "__call__")
      return call ? state.get(state.returnsOf(call.id)) : EMPTY
    }
    // a container's method gives its elements back (`arr.tolist()`, `df.copy()`); what is unknown stays unknown
    if (v.startsWith("in:") || v === UNKNOWN) return one(v)
    // an EPICS object called (`type(pv)(name)`, a component called): something from EPICS
    if (v.startsWith("obj:") && isEpicsValue(v)) return one("epics-any")
    if (v === "epics-any" || v === "reflect") return one("epics-any")
    return EMPTY
  }

  /**
   * `pvs.get("qf")`, `pvs.values()`: a container's method gives its elements (or, for `values()`, a container of
   * them). Not for an object whose class has the method itself: `pv.get()` is PV.get, which gives a reading.
   */
  const containerResult = (receiver: Values, method: string): Values => {
    let out: Set<Value> | undefined
    for (const v of receiver) {
      if (v.startsWith("obj:")) {
        const info = Lib.classes.get(v.slice(4))
        if (info && (info.readers.has(method) || info.writers.has(method) || info.neutral.has(method) || info.factories.has(method))) continue
      } else if (v.startsWith("inst:") && state.methodOf(byId.get(Number(v.slice(5)))!, method)) continue
      out ??= new Set()
      out.add(elementMethods.has(method) && v.startsWith("in:") ? v.slice(3) : v)
    }
    return out ?? EMPTY
  }

  /** `getattr(target, name)`: the attribute when the name is written out; anything from EPICS when it is not. */
  const lookupAttribute = (target: Values, nameNode: Node | undefined): Values => {
    const name = literalString(nameNode, text)
    if (name !== undefined) return [...target].reduce((acc, t) => union(acc, attrOf(t, name)), EMPTY)
    return [...target].some(isEpicsValue) ? one("epics-any") : target.size > 0 ? unknown : EMPTY
  }

  /** Zero-argument `super()` in a method: the bases of its class, as instances. */
  const superOf = (scope: Scope): Values => {
    let method: Scope | undefined = scope
    while (method && !method.methodOf) method = method.parent
    if (!method?.methodOf) return EMPTY
    let out: Values = EMPTY
    for (const base of state.basesOf(method.methodOf.id)) out = union(out, method.selfIs === "instance" ? instanceOf(base) : one(base))
    return out
  }

  /** An instance of a class of the code with a `__call__`: library code may call it as a function. */
  const callable = (v: Value) => v.startsWith("inst:") && state.methodOf(byId.get(Number(v.slice(5)))!, "__call__") !== undefined

  const argumentsOf = (call: Node, scope: Scope): Arguments => {
    if (state.argumentsVisit[call.id] === state.visit) return state.argumentsMemo[call.id] as Arguments
    const result = argumentsUncached(call, scope)
    state.argumentsVisit[call.id] = state.visit
    state.argumentsMemo[call.id] = result
    return result
  }

  const argumentsUncached = (call: Node, scope: Scope): Arguments => {
    let functions: Set<Value> | undefined
    let given: Set<Value> | undefined
    const args = call.children[1]?.type === "argument_list" ? call.children[1].children : []
    for (const arg of args) {
      const values = evaluate(arg, scope)
      if (values.size === 0) continue
      for (const v of values) {
        // (`callback=[f]`: a function in a list is handed over too)
        if (isFunction(element(v)) || harmlessFunction(v) || callable(v)) {
          functions ??= new Set()
          functions.add(element(v))
        } else if (carried(v)) {
          given ??= new Set()
          given.add(v)
        }
      }
    }
    if (functions === undefined && given === undefined) return noArguments
    return { functions: functions ?? EMPTY, given: given ?? EMPTY, others: given ? unwrap(given) : EMPTY }
  }

  /**
   * What a call of library code the table does not know gives (`SimpleNamespace(p=pv)`, `executor.map(f, pvs)`):
   * what the functions handed to it return (it may call them), or else what it was given, receiver and
   * arguments: it may hand them back.
   */
  const untrackedResult = (call: Node, scope: Scope): Values => {
    // what it hands back matters only where the code may reach EPICS (EPICS objects, and instances that hold them)
    if (!state.usesEpics) return EMPTY
    const { functions, given } = argumentsOf(call, scope)
    if (functions.size > 0) {
      // a wrapper of a function (`lru_cache(f)`, `np.vectorize(f)`) is called as the function is; what the
      // functions return and what they were given may come back (`filterfalse`, `accumulate`, `reduce`)
      const wraps = (call.children[1]?.children ?? []).find((a) => a.type !== "keyword_argument")
      let out: Values = union(given, unwrap(given))
      for (const f of functions) out = union(out, callResult(f, call, scope))
      if (wraps) for (const f of evaluate(wraps, scope)) if (isFunction(f)) out = union(out, one(f))
      return out
    }
    // an instance handed over may come back as its attributes (`dataclasses.asdict(obj)`)
    const fromInstances = [...given].some((v) => element(v).startsWith("inst:")) ? unknown : EMPTY
    return union(union(given, fromInstances), receiverOf(call, scope, false))
  }

  /** The object a method is called on (`df` in `df.apply(f)`); not a module (`pd` in `pd.read_csv()`). */
  const receiverOf = (call: Node, scope: Scope, elements = true): Values => {
    const callee = call.children[0]
    if (callee?.type !== "attribute" || !callee.children[0]) return EMPTY
    const receiver = evaluate(callee.children[0], scope)
    const values = elements ? unwrap(receiver) : receiver
    let objects: Set<Value> | undefined
    for (const v of values) {
      if (v.startsWith("q:") || !carried(v)) continue
      objects ??= new Set()
      objects.add(v)
    }
    return objects ?? EMPTY
  }

  /** What an operand of an operator carries, where the code reaches EPICS (see `binary_operator` below). */
  const operandValues = (operand: Node | undefined, scope: Scope): Values => {
    let out: Values = EMPTY
    if (operand) for (const v of evaluate(operand, scope)) out = union(out, v.startsWith("inst:") ? unknown : carried(v) || v.startsWith("obj:pathlib.") ? one(v) : EMPTY)
    return out
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
        // an object the model does not follow (`SimpleNamespace()`, `threading.local()`, a function, `df.attrs`) holds
        // what the code stored under that name anywhere
        else if (state.usesEpics) out = state.get(state.attribute(name))
        return out
      }
      case "call": {
        if (!first) return EMPTY
        let out: Values = EMPTY
        const callee = evaluate(first, scope)
        const method = first.type === "attribute" && first.children[1] ? text(first.children[1]) : undefined
        if (method !== undefined && attributeLookups.has(method) && first.children[0]) {
          // `object.__getattribute__(pv, "put")`, `pv.__getattribute__("put")`: getattr by another name
          const args = (second?.children ?? []).filter((a) => a.type !== "keyword_argument")
          out = args.length >= 2 && args[0] ? lookupAttribute(evaluate(args[0], scope), args[1]) : lookupAttribute(evaluate(first.children[0], scope), args[0])
        }
        if (callee.size > 0) {
          // a container's `get`/`pop` give an element (below), not the container
          const element = method !== undefined && elementMethods.has(method)
          for (const v of callee) if (!(element && v.startsWith("in:"))) out = union(out, callResult(v, node, scope))
        } else out = union(out, untrackedResult(node, scope))
        if (method !== undefined && first.children[0] && Lib.passthroughMethods.has(method)) out = union(out, containerResult(evaluate(first.children[0], scope), method))
        return out
      }
      case "subscript": {
        const container = first ? unwrap(evaluate(first, scope)) : EMPTY
        let out = container.has("reflect") ? union(container, one("epics-any")) : container
        // an instance of a class of the code answers through its `__getitem__` (or a dict subclass's `__missing__`)
        for (const v of container) {
          if (!v.startsWith("inst:")) continue
          const classScope = byId.get(Number(v.slice(5)))!
          if (extendsLibrary(classScope)) out = union(out, unknown)
          for (const m of ["__getitem__", "__missing__"]) {
            const method = state.methodOf(classScope, m)
            if (method) out = union(out, state.get(state.returnsOf(method.id)))
          }
        }
        return out
      }
      case "lambda":
        return one(`fn:${scopes.get(node)!.id}`)
      case "list_comprehension":
      case "set_comprehension":
      case "generator_expression":
        return first ? wrapIn(evaluate(first, scopes.get(node)!)) : EMPTY
      case "dictionary_comprehension":
        return first ? wrapIn(evaluate(first, scopes.get(node)!)) : EMPTY
      case "yield":
        // what is sent in; `x = yield from gen()` is what gen returns, anything
        return union(state.get(state.attribute(sentSlot)), unknown)
      case "pair":
        // a key may be an object too (`{pv: 1}`): a mapping holds both
        return union(first && state.usesEpics ? evaluate(first, scope) : EMPTY, second ? evaluate(second, scope) : EMPTY)
      case "unary_operator":
        return state.usesEpics && node.children[node.children.length - 1] && [...evaluate(node.children[node.children.length - 1]!, scope)].some((v) => v.startsWith("inst:")) ? unknown : EMPTY
      case "assignment":
        // `a = b = pv`: the inner assignment's value
        return node.children.length > 1 ? evaluate(node.children[node.children.length - 1]!, scope) : EMPTY
      case "binary_operator": {
        // where the code reaches EPICS: `[pv] + rest`, `(pv,) * 2`, `{} | {"qf": pv}` hold what their operands hold,
        // and an operand's own operator method may return anything
        if (state.usesEpics) {
          return union(operandValues(first, scope), operandValues(node.children[node.children.length - 1], scope))
        }
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
      case "expression_list": {
        let out: Values = EMPTY
        const children = node.children
        for (let i = 0; i < children.length; i++) out = union(out, evaluate(children[i]!, scope))
        return wrapIn(out)
      }
      case "list_splat":
      case "dictionary_splat":
        return first ? unwrap(evaluate(first, scope)) : EMPTY
      case "pattern_list":
      case "boolean_operator":
      case "parenthesized_expression":
      case "await":
      case "keyword_argument": {
        let out: Values = EMPTY
        for (let i = node.type === "keyword_argument" ? 1 : 0; i < node.children.length; i++) out = union(out, evaluate(node.children[i]!, scope))
        return out
      }
      default:
        return EMPTY
    }
  }

  return { evaluate, attrOf, instanceOf, callResult, argumentsOf, receiverOf }
}
