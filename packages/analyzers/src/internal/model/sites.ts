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
import { classify, describe, EMPTY, element, isEpicsValue, literalString, mayWriteWith, UNKNOWN, type Value, type Values } from "./values.js"

export interface Sites {
  readonly writes: ReadonlyArray<WriteSite>
  readonly reads: ReadonlyArray<WriteSite>
  /** Calls into EPICS libraries whose effect pyexec cannot tell. */
  readonly unknownEpicsCalls: ReadonlyArray<WriteSite>
  readonly calls: ReadonlyArray<CallSite>
  /** `obj.name` loads with a non-literal way in: `sys.modules`, `__builtins__`, `__dict__`, a frame's `f_globals`. */
  readonly namespaceAccess: ReadonlyArray<WriteSite>
  /** EPICS objects handed to code the model does not follow, dunder methods of EPICS subclasses, write calls on untraceable values. */
  readonly escapes: ReadonlyArray<WriteSite>
  /** Process starters and code runners passed on as values (`target=os.system`); `what` is "category name". */
  readonly dangerousReferences: ReadonlyArray<WriteSite>
}

/**
 * Attributes that reach a namespace (every name of a module or a frame, and so any EPICS object in it) or a
 * property's own functions (`type(pv).value.fset(pv, 3)` sets it).
 */
const namespaces = new Set(["__dict__", "__builtins__", "__globals__", "f_globals", "f_locals", "f_builtins", "__closure__", "cell_contents", "fset", "fget", "fdel", "__code__", "__defaults__", "__kwdefaults__", "__func__", "__wrapped__", "__self__"])
/** Methods and functions that write when the object is an EPICS one, or set attributes (which may be a PV's `value`). */
const untracedWriters = new Set([
  ...Lib.anyEpicsWriterMethod,
  // (not `count`, a bluesky plan and every sequence's method)
  ...[...Lib.members].filter(([q, m]) => m.kind === "epics-write" && !q.endsWith(".count")).map(([q]) => q.slice(q.lastIndexOf(".") + 1)),
  "__setattr__",
  "__setitem__",
  "__setval__",
  "read_state",
  "restore_state",
  "__set__"
])
/** Builtins that reach names by strings, passed on as values (`map(setattr, pvs, names, values)`). */
const reflective = new Set(["q:setattr", "q:getattr", "q:delattr", "q:vars", "q:globals", "q:locals", "q:__import__"])
/** Builtins that do nothing with an EPICS object but keep, compare, count or print it. */
const keepingBuiltins = new Set(
  [...Lib.pythonBuiltins].filter((b) => !["setattr", "delattr", "vars", "exec", "eval", "compile", "__import__", "open", "breakpoint", "globals", "locals"].includes(b)).map((b) => `q:${b}`)
)
/**
 * Library calls that only call the function they are handed with what they are given (threads, executors,
 * timers, exit hooks, schedulers): the function is followed with it, so handing it over is not an escape.
 */
const invokers = new Set(["Thread", "Timer", "submit", "map", "starmap", "imap", "imap_unordered", "apply_async", "map_async", "run_in_executor", "call_soon", "call_soon_threadsafe", "call_later", "call_at", "to_thread", "register", "finalize", "enter", "enterabs", "callback", "Spawn", "reduce", "add_done_callback", "apply", "create_task", "ensure_future"])
/** Methods of containers and loggers: what is handed to them is stored or printed, not used. */
const storesOrPrints = new Set([...Lib.storingMethods, "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "format", "join", "index", "count", "remove"])
/** Dunder methods that only build or describe an object: a class with any other asks, in code that reaches EPICS. */
const harmlessDunders = new Set(["__init__", "__repr__", "__str__", "__post_init__", "__doc__", "__module__", "__qualname__", "__slots__"])

/** The text of a node on one line, cut for a message. */
const snippet = (text: string) => text.split("\n")[0]!.slice(0, 60)

const noNames: ReadonlyArray<string> = []
const noKeywords: ReadonlyMap<string, Node> = new Map()
/** The operator functions that reach attributes by a name in a string. */
const getters = [
  ["methodcaller", "q:operator.methodcaller"],
  ["attrgetter", "q:operator.attrgetter"]
] as const

/** A call site; its arguments are sorted into positional and keyword ones when a rule first asks (most never do). */
class Call implements CallSite {
  private sorted: { readonly positional: ReadonlyArray<Node>; readonly keywords: ReadonlyMap<string, Node> } | undefined
  readonly function: Node
  constructor(
    readonly node: Node,
    fn: Node,
    readonly callee: Values,
    readonly names: ReadonlyArray<string>,
    private readonly args: ReadonlyArray<Node>,
    private readonly scope: Scope,
    private readonly evaluate: (node: Node, scope: Scope) => Values,
    private readonly text: (node: Node) => string
  ) {
    this.function = fn
  }

  private sort() {
    if (this.sorted) return this.sorted
    const positional = this.args.filter((a) => a.type !== "keyword_argument")
    let keywords = noKeywords
    for (const a of this.args) {
      if (a.type === "keyword_argument" && a.children[0] && a.children[1]) {
        if (keywords === noKeywords) keywords = new Map()
        ;(keywords as Map<string, Node>).set(this.text(a.children[0]), a.children[1])
      }
    }
    this.sorted = { positional, keywords }
    return this.sorted
  }

  get positional(): ReadonlyArray<Node> {
    return this.sort().positional
  }

  get keywords(): ReadonlyMap<string, Node> {
    return this.sort().keywords
  }

  readonly argValues = (i: number): Values => {
    const arg = this.positional[i]
    return arg ? this.evaluate(arg, this.scope) : EMPTY
  }
}

const named = (values: Values, wanted: (k: ReturnType<typeof classify>) => boolean) => describe(new Set([...values].filter((v) => wanted(classify(v)))))

/** Visits the code once more, in a visit of its own (`State.visit`), with the values the flow settled on. */
export const collectSites = (state: State, { evaluate, argumentsOf }: Evaluator): Sites => {
  const { text, scopes, root, module } = state
  const escapes: Array<WriteSite> = []
  const dangerousReferences: Array<WriteSite> = []
  state.visit++
  const writes: Array<WriteSite> = []
  const reads: Array<WriteSite> = []
  const unknownEpicsCalls: Array<WriteSite> = []
  const calls: Array<CallSite> = []
  // the keywords of every call that has none (most calls)
  const namespaceAccess: Array<WriteSite> = []

  // (No closures over the parameters of the functions below that run for every node: V8 would allocate their context on every call.)

  /** Whether a call's arguments hold what a plan of the code's yields (a message it made), not only callbacks. */
  const handsValues = (call: Node): boolean =>
    (call.children[1]?.children ?? []).some((a) => [...evaluate(a, currentScope)].some((v) => !/^(fn|bfn|cls|q):/.test(element(v))))
  let currentScope = module

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
      // an EPICS object called as a function (`dev.custom_sequence()` where the name is a component), unless
      // calling it is known (a bluesky RunEngine runs the plan it is given: the plan is what is checked, when
      // it is bluesky's; a plan of the code's own may yield any message)
      else if (kind === "call" && v.startsWith("obj:") && isEpicsValue(v) && !(Lib.classes.get(v.slice(4))?.neutral.has("__call__") && !handsValues(node))) unknown = true
    }
    if (!write && !unknown && !read) return
    if (write) writes.push({ node, kind, what: named(values, (k) => k === "write") })
    else if (kind === "call" && unknown) unknownEpicsCalls.push({ node, kind, what: named(values, (k) => k !== undefined) || `${describe(values)}, called` })
    else if (read) reads.push({ node, kind, what: named(values, (k) => k === "read") })
  }

  const callSite = (node: Node, first: Node, callee: Values, args: ReadonlyArray<Node>, scope: Scope): CallSite => {
    const names = callee.size === 0 ? noNames : [...callee].flatMap((v) => (v.startsWith("q:") ? [v.slice(2)] : v.startsWith("meth:") ? [v.slice(5)] : []))
    return new Call(node, first, callee, names, args, scope, evaluate, text)
  }

  /** The targets of an assignment: a store to an attribute of an EPICS object is a write. */
  const storeTarget = (target: Node, scope: Scope, storedValue?: Node) => {
    if (target.type === "attribute" && target.children[0] && target.children[1]) {
      const object = evaluate(target.children[0], scope)
      const name = text(target.children[1])
      if (object.size > 0) for (const v of object) {
        const info = v.startsWith("obj:") ? Lib.classes.get(v.slice(4)) : undefined
        if ((info?.epics && (info.settable.has(name) || !info.neutral.has(name))) || v === "epics-any") {
          writes.push({ node: target, kind: "store", what: `${v === "epics-any" ? "an EPICS object" : v.slice(4)}.${name}` })
          break
        }
        // (a write attribute, or a pyepics Device's field: `dev.CURRENT_SP = 3` puts)
        if (v === UNKNOWN && (Lib.anyEpicsSettable.has(name) || /^[A-Z][A-Z0-9_]*$/.test(name))) {
          escapes.push({ node: target, kind: "untraced", what: `assigning \`${snippet(text(target))}\` sets ${name}` })
          break
        }
        // `sys.stdout = pv`: a module's attribute, which library code uses (print writes to sys.stdout)
        if (v.startsWith("q:") && !isEpicsValue(v) && storedValue !== undefined) {
          const stored = evaluate(storedValue, scope)
          if ([...stored].some(mayWriteWith)) escapes.push({ node: target, kind: "call", what: `\`${snippet(text(storedValue))}\` (${describe(stored)}) is stored as \`${snippet(text(target))}\`` })
          break
        }
      }
      // `f.__defaults__ = (pv,)`, `f.__code__ = g.__code__`: a function's insides replaced
      if (namespaces.has(name)) namespaceAccess.push({ node: target, kind: "store", what: text(target) })
      sites(target.children[0], scope)
    } else if (target.type === "subscript") {
      for (let i = 0; i < target.children.length; i++) sites(target.children[i]!, scope)
    } else {
      for (let i = 0; i < target.children.length; i++) storeTarget(target.children[i]!, scope, storedValue)
    }
  }

  /** The callee, less a write that only reads over the devices it is given here (`count([bpm_ro])`), recorded as a read. */
  const readOnlyOver = (callee: Values, call: Node, scope: Scope): Values => {
    let out = callee
    for (const v of callee) {
      const types = v.startsWith("q:") ? Lib.readsOver.get(v.slice(2)) : undefined
      const devices = call.children[1]?.children[0]
      if (types === undefined || devices === undefined || devices.type === "keyword_argument") continue
      const given = [...evaluate(devices, scope)].map(element)
      if (given.length === 0 || !given.every((d) => d.startsWith("obj:") && types.has(d.slice(4)))) continue
      reads.push({ node: call, kind: "call", what: `${v.slice(2)} over ${describe(new Set(given))}` })
      out = new Set(out)
      ;(out as Set<Value>).delete(v)
    }
    return out
  }

  /**
   * A call the model does not follow, handed an EPICS object (`helper.apply(pv)`, `np.asarray(pvs)`): what it does
   * with it cannot be told, so it may write. Functions handed along take the objects instead (see the flow).
   */
  const escaping = (call: Node, callee: Node, scope: Scope, only?: Node) => {
    const args = only ? [only] : call.children[1]?.type === "argument_list" ? call.children[1].children : []
    for (const arg of args) {
      const values = evaluate(arg, scope)
      if (values.size === 0) continue
      const risky = new Set<Value>()
      for (const v of values) if (mayWriteWith(v) || reflective.has(v)) risky.add(element(v))
      if (risky.size > 0) escapes.push({ node: arg, kind: "call", what: `\`${snippet(text(arg))}\` (${describe(risky) || "an EPICS object"}) is handed to \`${snippet(text(callee))}\`` })
    }
  }

  /**
   * Whether a call hands its arguments to code the model does not follow: a library function (not a builtin that
   * only keeps or prints, not a container's store, not an EPICS call), unless it only calls a function it is
   * handed (`invokers`), which the flow follows. Calls of the code's own functions are followed.
   */
  const handsOver = (callee: Values, methodName: string | undefined, call: Node, scope: Scope): boolean => {
    let library = callee.size === 0
    for (const v of callee) {
      if (v.startsWith("fn:") || v.startsWith("bfn:") || v.startsWith("cls:") || v.startsWith("inst:")) return false
      // an operator.methodcaller/attrgetter: its name was checked where it was made
      if (keepingBuiltins.has(v) || isEpicsValue(v) || v.endsWith("()")) continue
      library = true
    }
    if (!library) return false
    // `lst.append(pv)` keeps it; `list.append(lst, pv)` is the same but for whoever reads the unbound form
    const receiver = call.children[0]?.type === "attribute" ? call.children[0].children[0] : undefined
    if (methodName !== undefined && storesOrPrints.has(methodName) && !(receiver && [...evaluate(receiver, scope)].some((v) => v.startsWith("q:")))) return false
    const name = methodName ?? (call.children[0]?.type === "identifier" ? text(call.children[0]) : undefined)
    return !(name !== undefined && invokers.has(name) && argumentsOf(call, scope).functions.size > 0)
  }

  /**
   * In code that reaches EPICS, a class's dunder methods (`__iter__`, `__getitem__`, `__set__`, `__or__` ...) and
   * metaclass run when Python calls them, with what it hands in, and return what Python hands on: the model does
   * not follow that protocol, so such a class asks. (Analyses rarely need more than `__init__` and `__repr__`.)
   */
  const pythonCalls = (node: Node, inner: Scope) => {
    if (!state.usesEpics) return
    const bases = state.basesOf(inner.id)
    const owner = [...bases].some(isEpicsValue) ? `a subclass of ${describe(bases)}` : `class \`${node.children[0] ? text(node.children[0]) : "?"}\``
    for (const child of node.children) {
      if (child.type !== "argument_list") continue
      for (const arg of child.children) {
        if (arg.type === "keyword_argument" && arg.children[0] && text(arg.children[0]) === "metaclass") {
          escapes.push({ node: arg, kind: "reference", what: `the metaclass of ${owner}, whose methods Python calls by itself,` })
        }
      }
    }
    const block = node.children.find((c) => c.type === "block")
    for (const statement of block?.children ?? []) {
      const definition = statement.type === "decorated_definition" ? statement.children[statement.children.length - 1] : statement
      const name = definition?.type === "function_definition" && definition.children[0] ? text(definition.children[0]) : undefined
      if (name === undefined || !name.startsWith("__") || !name.endsWith("__") || harmlessDunders.has(name)) continue
      escapes.push({ node: definition!.children[0]!, kind: "reference", what: `\`${name}\` of ${owner}, which Python calls by itself,` })
    }
  }

  const sites = (node: Node, scope: Scope): void => {
    const first = node.children[0]
    const second = node.children[1]
    // (names and attributes first: they are most of the nodes, and a switch tries its cases in order)
    switch (node.type) {
      case "identifier":
      case "attribute": {
        const values = evaluate(node, scope)
        report(node, values, "reference")
        dangerousReference(node, values)
        if (node.type === "attribute") {
          const name = second ? text(second) : ""
          // `w = x.put`, `x.put.__call__(v)`: a write method taken off a value pyexec cannot trace
          if (untracedWriters.has(name) && first && evaluate(first, scope).has(UNKNOWN)) {
            escapes.push({ node, kind: "untraced", what: `\`${snippet(text(node))}\` takes ${name} from \`${snippet(text(first))}\`` })
          }
          const viaSys = name === "modules" && first !== undefined && evaluate(first, scope).has("q:sys")
          if (viaSys || namespaces.has(name)) namespaceAccess.push({ node, kind: "reference", what: text(node) })
          // report only the outermost chain: `epics.ca.put` once, not `epics.ca` too
          if (first && first.type !== "identifier" && first.type !== "attribute") sites(first, scope)
          else if (first?.type === "attribute") sitesInside(first, scope)
        } else if (text(node) === "__builtins__") namespaceAccess.push({ node, kind: "reference", what: "__builtins__" })
        return
      }
      case "function_definition":
      case "class_definition": {
        const inner = scopes.get(node)!
        if (node.type === "class_definition") pythonCalls(node, inner)
        const children = node.children
        for (let c = 0; c < children.length; c++) {
          const child = children[c]!
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
        const children = node.children
        for (let i = 0; i < children.length; i++) if (children[i]!.type !== "lambda_parameters") sites(children[i]!, inner)
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
        if (first) storeTarget(first, scope, node.type === "assignment" ? node.children[node.children.length - 1] : undefined)
        for (let i = 1; i < node.children.length; i++) sites(node.children[i]!, scope)
        if (node.type === "augmented_assignment" && first?.type === "identifier") sites(first, scope)
        return
      case "keyword_argument":
        if (second) sites(second, scope)
        return
      case "call": {
        if (!first) return
        const callee = evaluate(first, scope)
        currentScope = scope
        report(node, state.usesEpics ? readOnlyOver(callee, node, scope) : callee, "call")
        const call = callSite(node, first, callee, second?.type === "argument_list" ? second.children : [], scope)
        calls.push(call)
        for (let g = 0; g < getters.length; g++) {
          if (!callee.has(getters[g]![1])) continue
          const by = getters[g]![0]
          const positional = call.positional
          // attrgetter takes several names, each dotted: `attrgetter("x", "ca.put")`; a dunder sets or reaches anything
          const names = (by === "attrgetter" ? positional : positional.slice(0, 1)).flatMap((n) => (literalString(n, text) ?? "").split("."))
          const name = names.find((n) => untracedWriters.has(n) || (n.startsWith("__") && n.endsWith("__")))
          if (name !== undefined) writes.push({ node, kind: "call", what: `operator.${by}("${name}"), which reaches an EPICS write method by name` })
        }
        const methodName = first.type === "attribute" && first.children[1] ? text(first.children[1]) : undefined
        // `object.__setattr__(pv, "value", 3)` and `pv.__setattr__("value", 3)` are setattr by another name
        const setattrTarget = callee.has("q:setattr") ? call.positional[0] : methodName === "__setattr__" ? (call.positional.length >= 3 ? call.positional[0] : first.children[0]) : undefined
        if (setattrTarget) {
          const target = evaluate(setattrTarget, scope)
          if ([...target].some((v) => isEpicsValue(v) || v.startsWith("obj:"))) writes.push({ node, kind: "setattr", what: `setattr on ${describe(target)}` })
          else if (target.has(UNKNOWN)) escapes.push({ node, kind: "untraced", what: `\`${snippet(text(node))}\` sets an attribute of \`${snippet(text(setattrTarget))}\`` })
        }
        if (state.usesEpics && handsOver(callee, methodName, node, scope)) escaping(node, first, scope)
        // `x.put(1)` on a value handed in by library code or Python itself: it may be an EPICS object
        if (methodName !== undefined && untracedWriters.has(methodName) && first.children[0] && (callee.has(UNKNOWN) || evaluate(first.children[0], scope).has(UNKNOWN))) {
          escapes.push({ node, kind: "untraced", what: `\`${snippet(text(node))}\` calls ${methodName} on \`${snippet(text(first.children[0]))}\`` })
        }
        if (callee.has("q:print")) {
          const file = call.keywords.get("file") ?? (second?.children ?? []).find((a) => a.type === "dictionary_splat")
          if (file) escaping(node, first, scope, file)
        }
        // an EPICS member pyexec does not know, handed on to be called (`map(epics.autosave.restore_pvs, files)`)
        if (state.usesEpics) handedOn(call, callee, first, scope)
        // the callee itself is reported with the call; look inside it for what it is made of
        if (first.type === "attribute") {
          if (first.children[0]) sites(first.children[0], scope)
        } else if (first.type !== "identifier") sites(first, scope)
        if (second) sites(second, scope)
        return
      }
    }
    // (an index loop: `for…of` over the children allocated iterator objects here, a sixth of what an analysis allocated)
    const children = node.children
    for (let i = 0; i < children.length; i++) sites(children[i]!, scope)
  }

  /** What a call hands on to be called or to reach names with: EPICS objects and members, reflective builtins. */
  const handedOn = (call: CallSite, callee: Values, first: Node, scope: Scope) => {
    // `map(json.dump, values, [pv])`, `sorted(pvs, key=partial(json.dump, v))`: a library function handed
    // EPICS objects by a builtin that calls it
    const caller = callee.has("q:map") || callee.has("q:filter") ? call.positional[0] : ["q:sorted", "q:min", "q:max"].some((b) => callee.has(b)) ? call.keywords.get("key") : undefined
    const called = caller ? evaluate(caller, scope) : EMPTY
    if (caller && (called.size === 0 || [...called].some((v) => v.startsWith("q:") && !isEpicsValue(v) && !keepingBuiltins.has(v)))) {
      for (const arg of call.positional) if (arg !== caller) escaping(call.node, caller, scope, arg)
    }
    // `map(RE, plans)`: an EPICS object handed on to be called
    if ((callee.has("q:map") || callee.has("q:filter")) && call.positional[0] && [...evaluate(call.positional[0], scope)].some((v) => v.startsWith("obj:") && isEpicsValue(v))) {
      unknownEpicsCalls.push({ node: call.positional[0], kind: "reference", what: `${describe(evaluate(call.positional[0], scope))} (handed on to be called)` })
    }
    for (const arg of call.positional) {
      for (const v of evaluate(arg, scope)) {
        if (reflective.has(v)) {
          escapes.push({ node: arg, kind: "call", what: `\`${v.slice(2)}\`, which reaches attributes by name, is handed to \`${snippet(text(first))}\`` })
          break
        }
        // (not a constant: `pvaccess.PVA`, `epics.dbr.DOUBLE`)
        if (v.startsWith("q:") && classify(v) === "unknown-epics" && !/^[A-Z0-9_]+$/.test(v.slice(v.lastIndexOf(".") + 1))) {
          unknownEpicsCalls.push({ node: arg, kind: "reference", what: `${v.slice(2)} (handed on to be called)` })
          break
        }
      }
    }
  }

  /** `target=os.system`: a process or code runner passed on as a value may be called with anything. */
  const dangerousReference = (node: Node, values: Values) => {
    if (values.size === 0) return
    for (const v of values) {
      const category = v.startsWith("q:") ? Lib.dangerousCalls.get(v.slice(2)) : undefined
      if (category !== undefined) {
        dangerousReferences.push({ node, kind: "reference", what: `${category} ${v.slice(2)}` })
        return
      }
    }
  }

  /** Inside an attribute chain, only calls and subscripts are sites of their own. */
  const sitesInside = (node: Node, scope: Scope): void => {
    const first = node.children[0]
    if (!first) return
    if (first.type === "attribute") sitesInside(first, scope)
    else if (first.type !== "identifier") sites(first, scope)
  }

  for (const child of root.children) sites(child, module)
  return { writes, reads, unknownEpicsCalls, calls, namespaceAccess, escapes, dangerousReferences }
}
