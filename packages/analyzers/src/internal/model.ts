import { type Cell, Dependencies, type Part } from "./dependencies.js"
import * as Lib from "./libraries.js"
import { collectScopes, enclosingFunction, resolve, type Scope } from "./scopes.js"
import type { Node } from "./syntaxTree.js"

/**
 * What an expression may evaluate to, as a set of abstract values:
 * - `q:NAME`   a module, a library member or a builtin, by qualified name (`q:epics.caput`, `q:exec`)
 * - `obj:C`    an instance of a library class from the table (`obj:epics.PV`)
 * - `meth:C.m` method `m` of such an instance
 * - `fn:ID` / `bfn:ID`  a function or lambda defined in the code (unbound / bound to an instance)
 * - `cls:ID` / `inst:ID` a class defined in the code, and its instances
 * - `epics-any` something reached from an EPICS library that cannot be named
 * - `reflect`  a namespace mapping (globals(), vars(), sys.modules): anything can come out of it
 * The analysis is flow-insensitive: a name holds every value it is ever bound to, so it errs
 * towards finding a write.
 */
export type Value = string
type Values = ReadonlySet<Value>

const EMPTY: Values = new Set()
const noNames: ReadonlyArray<string> = []
const maxQualifiedDepth = 7
const maxFlowPasses = 25
/** The number of dotted parts of a value (`q:a.b` has 2). */
const partsOf = (v: Value): number => {
  let parts = 1
  for (let i = v.indexOf("."); i !== -1; i = v.indexOf(".", i + 1)) parts++
  return parts
}
const union = (a: Values, b: Values): Values => {
  if (a.size === 0) return b
  if (b.size === 0) return a
  const out = new Set(a)
  for (const v of b) out.add(v)
  return out
}

export type SiteKind = "call" | "reference" | "store" | "setattr"

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

export interface SemanticModel {
  readonly source: string
  /** False when the flow of values did not settle within its passes: the findings may be incomplete. */
  readonly settled: boolean
  readonly text: (node: Node) => string
  readonly writes: ReadonlyArray<WriteSite>
  readonly reads: ReadonlyArray<WriteSite>
  /** Calls into EPICS libraries whose effect pyexec cannot tell. */
  readonly unknownEpicsCalls: ReadonlyArray<WriteSite>
  readonly calls: ReadonlyArray<CallSite>
  /** `obj.name` loads with a non-literal way in: `sys.modules`, `__builtins__`, `__dict__`. */
  readonly namespaceAccess: ReadonlyArray<WriteSite>
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

/** How a value acts when called or passed: as an EPICS write, a read, an unknown EPICS member, or nothing known. */
export const classify = (value: Value): "write" | "read" | "unknown-epics" | undefined => {
  if (value === "epics-any") return "unknown-epics"
  if (value.startsWith("q:")) {
    const q = value.slice(2)
    const member = Lib.members.get(q)
    if (member) return member.kind === "epics-write" ? "write" : member.kind === "epics-read" ? "read" : undefined
    const dot = q.lastIndexOf(".")
    if (dot > 0) {
      const owner = Lib.members.get(q.slice(0, dot))
      if (owner?.kind === "class" && owner.returns) {
        const info = Lib.classes.get(owner.returns)
        const m = q.slice(dot + 1)
        if (info?.writers.has(m)) return "write"
        if (info?.readers.has(m)) return "read"
        return info?.epics ? (info.neutral.has(m) ? undefined : "unknown-epics") : undefined
      }
      if (Lib.isEpicsModule(q.slice(0, dot)) && !Lib.epicsModules.has(q)) return "unknown-epics"
    }
    return undefined
  }
  if (value.startsWith("meth:")) {
    const rest = value.slice(5)
    const dot = rest.lastIndexOf(".")
    const info = Lib.classes.get(rest.slice(0, dot))
    const m = rest.slice(dot + 1)
    if (!info) return undefined
    if (info.writers.has(m)) return "write"
    if (info.readers.has(m)) return "read"
    if (info.neutral.has(m) || info.factories.has(m) || !info.epics) return undefined
    return "unknown-epics"
  }
  return undefined
}

/** Whether a value comes from an EPICS library (a module, a member, an object or its method). */
const isEpicsValue = (v: Value): boolean => {
  if (v === "epics-any" || v === "reflect") return true
  if (v.startsWith("q:")) return Lib.isEpicsModule(v.slice(2))
  if (v.startsWith("obj:")) return Lib.classes.get(v.slice(4))?.epics ?? false
  if (v.startsWith("meth:")) {
    const rest = v.slice(5)
    return Lib.classes.get(rest.slice(0, rest.lastIndexOf(".")))?.epics ?? false
  }
  return false
}

const literalString = (node: Node | undefined, text: (n: Node) => string): string | undefined => {
  if (node?.type !== "string") return undefined
  if (node.children.some((c) => c.type === "interpolation")) return undefined
  return node.children
    .filter((c) => c.type === "string_content")
    .map(text)
    .join("")
}

interface FlowPart extends Part {
  readonly node: Node
  readonly scope: Scope
  /** Only what the definition binds before its body (its body's statements are parts of their own). */
  readonly header: boolean
}

/** `tracked`: prefixes of extra qualified names to follow (see Rule.tracks). */
export const build = (root: Node, source: string, tracked: ReadonlySet<string> = new Set()): SemanticModel => {
  const text = (n: Node) => source.slice(n.start, n.end)
  const { module, scopes } = collectScopes(root, source)
  const byId = new Map<number, Scope>([...scopes.values()].map((s) => [s.id, s]))
  const dependencies = new Dependencies<FlowPart>()
  let changed = false
  // What each expression evaluated to, by node id, within one visit of a part of the code (its `visit` number):
  // a part evaluates the same expression more than once. Arrays rather than a Map per visit: no allocation.
  let last = root
  while (last.children.length > 0) last = last.children[last.children.length - 1]!
  const count = last.id + 1
  const memoVisit = new Int32Array(count).fill(-1)
  const memoNode: Array<Node | undefined> = new Array(count).fill(undefined)
  const memoValues: Array<Values> = new Array(count).fill(EMPTY)
  let visit = 0

  // One set per value, shared: most results are a single value, and allocating them was a good part of the time.
  const singletons = new Map<Value, Values>()
  const one = (v: Value): Values => {
    let set = singletons.get(v)
    if (!set) {
      set = new Set([v])
      singletons.set(v, set)
    }
    return set
  }

  /**
   * What the model binds, each value in a cell of its own: a name in a scope, what a function returns, an
   * attribute by its name (of any object), the bases of a class.
   */
  interface Slot extends Cell<FlowPart> {
    /** EMPTY, or a set of the slot's own that `add` grows in place (a class's bases: replaced whole by `flowHeader`). */
    values: Values
  }
  const slot = (): Slot => ({ values: EMPTY, readers: undefined })
  const names: Array<Map<string, Slot> | undefined> = new Array(byId.size).fill(undefined)
  const returns: Array<Slot | undefined> = new Array(byId.size).fill(undefined)
  const classBases: Array<Slot | undefined> = new Array(byId.size).fill(undefined)
  const attributes = new Map<string, Slot>()
  const nameIn = (scopeId: number, name: string): Slot => {
    let slots = names[scopeId]
    if (!slots) {
      slots = new Map()
      names[scopeId] = slots
    }
    let found = slots.get(name)
    if (!found) {
      found = slot()
      slots.set(name, found)
    }
    return found
  }
  const returnsOf = (scopeId: number): Slot => (returns[scopeId] ??= slot())
  const basesSlot = (classId: number): Slot => (classBases[classId] ??= slot())
  const attribute = (name: string): Slot => {
    let found = attributes.get(name)
    if (!found) {
      found = slot()
      attributes.set(name, found)
    }
    return found
  }

  const add = (into: Slot, values: Values) => {
    if (values.size === 0) return
    let current = into.values as Set<Value>
    if (current === EMPTY) {
      current = new Set()
      into.values = current
    }
    const before = current.size
    for (const v of values) current.add(v)
    if (current.size !== before) {
      changed = true
      dependencies.changed(into)
    }
  }
  const get = (from: Slot): Values => {
    dependencies.read(from)
    return from.values
  }
  const basesOf = (classId: number): Values => get(basesSlot(classId))

  // Where a name resolves from a scope does not change once the scopes are collected: each is worked out once.
  const bindings: Array<Map<string, Slot | null> | undefined> = new Array(byId.size).fill(undefined)
  /** The slot a name refers to from `scope`; null when no scope of the code binds it. */
  const bindingOf = (scope: Scope, name: string): Slot | null => {
    let known = bindings[scope.id]
    if (!known) {
      known = new Map()
      bindings[scope.id] = known
    }
    let found = known.get(name)
    if (found === undefined) {
      const where = resolve(scope, name, module)
      found = where ? nameIn(where.id, name) : null
      known.set(name, found)
    }
    return found
  }
  /** What a name no scope binds is: a builtin, or a name from a star import. */
  const unbound = new Map<string, Values>()
  const unboundName = (name: string): Values => {
    if (Lib.pythonBuiltins.has(name)) return Lib.knownBuiltins.has(name) ? one(`q:${name}`) : EMPTY
    for (const m of module.starImports) {
      if (Lib.starExports(m).includes(name) || Lib.isEpicsModule(m)) return one(`q:${m}.${name}`)
    }
    return EMPTY
  }

  const lookup = (scope: Scope, name: string): Values => {
    const found = bindingOf(scope, name)
    if (found !== null) return get(found)
    let values = unbound.get(name)
    if (values === undefined) {
      values = unboundName(name)
      unbound.set(name, values)
    }
    return values
  }

  const methods = new Map<number, Map<string, Scope>>()
  for (const [node, s] of scopes) {
    if (!s.methodOf || !node.children[0]) continue
    const table = methods.get(s.methodOf.id) ?? new Map<string, Scope>()
    table.set(text(node.children[0]), s)
    methods.set(s.methodOf.id, table)
  }
  const methodOf = (classScope: Scope, name: string): Scope | undefined => methods.get(classScope.id)?.get(name)

  /** `q:NAME.name`, by `q:NAME` and `name`: modules' members are looked up again and again. */
  const qualifiedAttributes = new Map<Value, Map<string, Values>>()

  /** Attribute `name` of one value. */
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
      const method = methodOf(classScope, name)
      let out: Values = method ? one(`${v.startsWith("inst:") && method.selfIs === "instance" ? "bfn" : "fn"}:${method.id}`) : EMPTY
      out = union(out, get(nameIn(classScope.id, name)))
      out = union(out, get(attribute(name)))
      for (const base of basesOf(classScope.id)) {
        const asInstance = v.startsWith("inst:") ? instanceOf(base) : new Set([base])
        for (const b of asInstance) out = union(out, attrOf(b, name, depth + 1))
      }
      return out
    }
    return EMPTY
  }

  /** What calling a class value gives. */
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
    if (v.startsWith("fn:") || v.startsWith("bfn:")) return get(returnsOf(Number(v.slice(v.indexOf(":") + 1))))
    if (v.startsWith("cls:")) return instanceOf(v)
    if (v === "epics-any" || v === "reflect") return one("epics-any")
    return EMPTY
  }

  const evaluate = (node: Node, scope: Scope): Values => {
    if (memoVisit[node.id] === visit) return memoValues[node.id]!
    const result = evaluateUncached(node, scope)
    memoVisit[node.id] = visit
    memoNode[node.id] = node
    memoValues[node.id] = result
    return result
  }

  const evaluateUncached = (node: Node, scope: Scope): Values => {
    const first = node.children[0]
    const second = node.children[1]
    switch (node.type) {
      case "identifier":
        return lookup(scope, text(node))
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

  /** Binds a target (`a`, `a.b`, `a[i]`, `a, *b`) to values. */
  const bind = (target: Node, values: Values, scope: Scope): void => {
    if (values.size === 0) return
    switch (target.type) {
      case "identifier": {
        const name = text(target)
        add(bindingOf(scope, name) ?? nameIn(scope.id, name), values)
        return
      }
      case "attribute":
        if (target.children[1]) add(attribute(text(target.children[1])), values)
        return
      case "subscript":
        if (target.children[0]) bind(target.children[0], values, scope)
        return
      default:
        for (const child of target.children) bind(child, values, scope)
    }
  }

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
        target = methodOf(byId.get(Number(v.slice(4)))!, "__init__")
        offset = 1
      }
      if (!target) continue
      let i = offset
      for (const arg of args) {
        if (arg.type === "keyword_argument") {
          const name = arg.children[0]
          const value = arg.children[1]
          if (name && value && target.params.includes(text(name))) add(nameIn(target.id, text(name)), evaluate(value, scope))
        } else if (arg.type !== "list_splat" && arg.type !== "dictionary_splat") {
          const param = target.params[i++]
          if (param) add(nameIn(target.id, param), evaluate(arg, scope))
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
          add(returnsOf(inner.id), evaluate(body, inner))
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
        if (fn && first) add(returnsOf(fn.id), evaluate(first, scope))
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
            if (target && literal !== undefined && value) add(attribute(literal), evaluate(value, scope))
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
        add(nameIn(inner.id, inner.params[0]), one(`${inner.selfIs === "instance" ? "inst" : "cls"}:${inner.methodOf.id}`))
      }
      return
    }
    if (name) bind(name, one(`cls:${inner.id}`), scope)
    for (const child of node.children) {
      if (child.type !== "argument_list") continue
      let bases: Values = EMPTY
      for (const base of child.children) if (base.type !== "keyword_argument") bases = union(bases, evaluate(base, scope))
      const into = basesSlot(inner.id)
      const before = into.values
      const after = union(before, bases)
      into.values = after
      if (after.size !== before.size) {
        changed = true
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

  const enclosingNonComprehension = (scope: Scope): Scope => {
    let s = scope
    while (s.kind === "comprehension" && s.parent) s = s.parent
    return s
  }

  for (const child of root.children) addParts(child, module)
  let settled = false
  for (let i = 0; i < maxFlowPasses && !settled; i++) {
    changed = false
    for (const part of flowParts) {
      if (!part.stale) continue
      part.stale = false
      dependencies.visit(part)
      visit++
      if (part.header) flowHeader(part.node, part.scope)
      else flow(part.node, part.scope)
    }
    settled = !changed
  }
  dependencies.visit(undefined)

  // The final pass: every expression once, with the values the flow settled on.
  visit++
  const writes: Array<WriteSite> = []
  const reads: Array<WriteSite> = []
  const unknownEpicsCalls: Array<WriteSite> = []
  const calls: Array<CallSite> = []
  // the keywords of every call that has none (most calls)
  const noKeywords = new Map<string, Node>()
  const namespaceAccess: Array<WriteSite> = []
  const describe = (values: Values) =>
    [...values]
      .map((v) => (v.startsWith("q:") ? v.slice(2) : v.startsWith("meth:") ? `${v.slice(5).replace(/\.([^.]+)$/, "().$1")}` : v))
      .filter((v) => !v.startsWith("fn:") && !v.startsWith("bfn:") && !v.startsWith("cls:") && !v.startsWith("inst:"))
      .sort()
      .join(", ")

  const named = (values: Values, wanted: (k: ReturnType<typeof classify>) => boolean) => describe(new Set([...values].filter((v) => wanted(classify(v)))))

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
  const final = visit
  const valuesAt = (node: Node): Values => (memoVisit[node.id] === final && memoNode[node.id] === node ? memoValues[node.id]! : EMPTY)
  const namesAt = (node: Node): ReadonlyArray<string> =>
    [...valuesAt(node)].flatMap((v) => (v.startsWith("q:") ? [v.slice(2)] : v.startsWith("meth:") ? [v.slice(5)] : v.startsWith("obj:") ? [`${v.slice(4)}()`] : []))
  const memos = new Map<symbol, unknown>()
  const memo = <T>(key: symbol, make: () => T): T => {
    if (!memos.has(key)) memos.set(key, make())
    return memos.get(key) as T
  }
  return { source, text, settled, writes, reads, unknownEpicsCalls, calls, namespaceAccess, describe, valuesAt, namesAt, memo }
}

export { literalString }
