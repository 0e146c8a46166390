/**
 * Everything the model knows about one piece of code while it is built: its scopes, what each name,
 * function return, class's bases and attribute may hold (the slots), which parts of the code read which
 * slot, and what each expression evaluated to in the current visit.
 */
import { type Cell, Dependencies, type Part } from "../dependencies.js"
import * as Lib from "../libraries.js"
import { collectScopes, resolve, type Scope } from "../scopes.js"
import type { Node } from "../syntaxTree.js"
import { EMPTY, elements, singletons, UNKNOWN, type Value, type Values, wrap } from "./values.js"

/** A name-mangled attribute (`_Holder__ch`): its private part. */
const mangled = /^_[A-Za-z0-9]\w*?(__\w*[^_\W]_?)$/

/** Ways to import a module by a name in a string. */
const byName = /__import__|import_module|sys\.modules|builtins/

/** A unit of the code the flow visits (see `flow.ts`): a statement, or a definition's header. */
export interface FlowPart extends Part {
  readonly node: Node
  readonly scope: Scope
  /** Only what the definition binds before its body (its body's statements are parts of their own). */
  readonly header: boolean
}

/**
 * What the model binds, each value in a cell of its own: a name in a scope, what a function returns, an
 * attribute by its name (of any object), the bases of a class.
 */
export interface Slot extends Cell<FlowPart> {
  /** EMPTY, or a set of the slot's own that `add` grows in place (a class's bases: replaced whole by `flowHeader`). */
  values: Values
}

const slot = (): Slot => ({ values: EMPTY, readers: undefined })

/** The slot at `id`, made on first use. */
const slotAt = (slots: Array<Slot | undefined>, id: number): Slot => {
  let found = slots[id]
  if (!found) {
    found = slot()
    slots[id] = found
  }
  return found
}

export class State {
  readonly module: Scope
  readonly scopes: ReadonlyMap<Node, Scope>
  readonly byId: ReadonlyMap<number, Scope>
  readonly dependencies = new Dependencies<FlowPart>()
  /** Set when a slot grows: a flow pass that leaves it false has settled. */
  changed = false
  /** `{v}`, one shared set per value (see `singletons`). */
  readonly one = singletons()
  /**
   * The values as elements of a container (`in:`), where the code may reach EPICS; elsewhere containers are not
   * told from what they hold: nothing there has methods a container's could be confused with, and it is faster.
   */
  readonly wrapIn: (values: Values) => Values
  /**
   * Whether the code may reach EPICS at all (it imports one of the EPICS libraries, or imports by name): only
   * then do values the model cannot trace (`unknown`) matter, and code that cannot reach EPICS keeps its sets small.
   */
  readonly usesEpics: boolean
  /** `{unknown}` where the code may reach EPICS, else nothing. */
  readonly unknown: Values
  /** The scope ids of classes of the code with a base the model does not know (a library's class). */
  readonly libraryBased = new Set<number>()

  // What each expression evaluated to, by node id, within one visit of a part of the code (its `visit` number):
  // a part evaluates the same expression more than once. Arrays rather than a Map per visit: no allocation.
  readonly memoVisit: Int32Array
  readonly memoNode: Array<Node | undefined>
  readonly memoValues: Array<Values>
  /** The number of the current visit: each visit of a flow part, then the final pass, takes a new one. */
  visit = 0
  /** A call's arguments (`Evaluator.argumentsOf`), by node id, within one visit: the flow and the evaluation both ask. */
  readonly argumentsVisit: Int32Array
  readonly argumentsMemo: Array<unknown>
  private readonly identifiers: Array<string | undefined>

  private readonly names: Array<Map<string, Slot> | undefined>
  private readonly returns: Array<Slot | undefined>
  private readonly classBases: Array<Slot | undefined>
  private readonly attributes = new Map<string, Slot>()
  /** The same slots by the name as written: an attribute is looked up again and again, and unmangling is a regular expression. */
  private readonly spelled = new Map<string, Slot>()
  // Where a name resolves from a scope does not change once the scopes are collected: each is worked out once.
  private readonly bindings: Array<Map<string, Slot | null> | undefined>
  /** What a name no scope binds is: a builtin, or a name from a star import. */
  private readonly unbound = new Map<string, Values>()
  /** Each class's methods by name, by the class's scope id. */
  private readonly methods = new Map<number, Map<string, Scope>>()

  /** `tracked`: prefixes of extra qualified names to follow (see Rule.tracks). */
  constructor(
    readonly root: Node,
    readonly source: string,
    readonly tracked: ReadonlySet<string>
  ) {
    const { module, scopes } = collectScopes(root, source)
    // an import of an EPICS library, or code that imports by name (whatever the name, however it is spelled)
    this.usesEpics = [...module.imported!].some((m) => Lib.epicsModules.has(m)) || byName.test(source)
    this.unknown = this.usesEpics ? this.one(UNKNOWN) : EMPTY
    const inside = elements(this.one)
    this.wrapIn = this.usesEpics ? (values) => wrap(values, inside) : (values) => values
    this.module = module
    this.scopes = scopes
    this.byId = new Map<number, Scope>([...scopes.values()].map((s) => [s.id, s]))

    let last = root
    while (last.children.length > 0) last = last.children[last.children.length - 1]!
    const count = last.id + 1
    this.memoVisit = new Int32Array(count).fill(-1)
    this.memoNode = new Array(count).fill(undefined)
    this.memoValues = new Array(count).fill(EMPTY)
    this.identifiers = new Array(count).fill(undefined)
    // (only code that reaches EPICS asks for a call's arguments apart)
    const calls = this.usesEpics ? count : 0
    this.argumentsVisit = new Int32Array(calls).fill(-1)
    this.argumentsMemo = new Array(calls).fill(undefined)

    const scopeCount = this.byId.size
    this.names = new Array(scopeCount).fill(undefined)
    this.returns = new Array(scopeCount).fill(undefined)
    this.classBases = new Array(scopeCount).fill(undefined)
    this.bindings = new Array(scopeCount).fill(undefined)

    for (const [node, s] of scopes) {
      if (!s.methodOf || !node.children[0]) continue
      const table = this.methods.get(s.methodOf.id) ?? new Map<string, Scope>()
      table.set(this.text(node.children[0]), s)
      this.methods.set(s.methodOf.id, table)
    }
  }

  /**
   * The source text of a node (a property, not a method: it is passed around as a function). An identifier's
   * is kept: names are read on every visit, and slicing them anew was a good part of the garbage.
   */
  readonly text = (n: Node): string => {
    if (n.type !== "identifier") return this.source.slice(n.start, n.end)
    let name = this.identifiers[n.id]
    if (name === undefined) {
      name = this.source.slice(n.start, n.end)
      this.identifiers[n.id] = name
    }
    return name
  }

  /** The slot of `name` bound in the scope with id `scopeId`. */
  nameIn(scopeId: number, name: string): Slot {
    let slots = this.names[scopeId]
    if (!slots) {
      slots = new Map()
      this.names[scopeId] = slots
    }
    let found = slots.get(name)
    if (!found) {
      found = slot()
      slots.set(name, found)
    }
    return found
  }

  /** What the function (or lambda) with scope id `scopeId` returns or yields. */
  returnsOf(scopeId: number): Slot {
    return slotAt(this.returns, scopeId)
  }

  basesSlot(classId: number): Slot {
    return slotAt(this.classBases, classId)
  }

  /**
   * Attribute `name` of any object the code defines (`x.name = …`, `setattr(x, "name", …)`). A private name is
   * one slot however it is spelled: `self.__ch` in class Holder is `h._Holder__ch` outside.
   */
  attribute(attribute: string): Slot {
    let found = this.spelled.get(attribute)
    if (found) return found
    const name = attribute.replace(mangled, "$1")
    found = this.attributes.get(name)
    if (!found) {
      found = slot()
      this.attributes.set(name, found)
    }
    this.spelled.set(attribute, found)
    return found
  }

  /** Adds values to a slot; when it grows, the parts that read it become stale and the pass is not settled. */
  add(into: Slot, values: Values): void {
    if (values.size === 0) return
    let current = into.values as Set<Value>
    if (current === EMPTY) {
      current = new Set()
      into.values = current
    }
    const before = current.size
    for (const v of values) current.add(v)
    if (current.size !== before) {
      this.changed = true
      this.dependencies.changed(into)
    }
  }

  /** What a slot holds, recording that the part being visited read it. */
  get(from: Slot): Values {
    this.dependencies.read(from)
    return from.values
  }

  basesOf(classId: number): Values {
    return this.get(this.basesSlot(classId))
  }

  /** The slot a name refers to from `scope`; null when no scope of the code binds it. */
  bindingOf(scope: Scope, name: string): Slot | null {
    let known = this.bindings[scope.id]
    if (!known) {
      known = new Map()
      this.bindings[scope.id] = known
    }
    let found = known.get(name)
    if (found === undefined) {
      const where = resolve(scope, name, this.module)
      found = where ? this.nameIn(where.id, name) : null
      known.set(name, found)
    }
    return found
  }

  /** What a name may hold, read from `scope`. */
  lookup(scope: Scope, name: string): Values {
    const found = this.bindingOf(scope, name)
    if (found !== null) return this.get(found)
    let values = this.unbound.get(name)
    if (values === undefined) {
      values = this.unboundName(name)
      this.unbound.set(name, values)
    }
    return values
  }

  methodOf(classScope: Scope, name: string): Scope | undefined {
    return this.methods.get(classScope.id)?.get(name)
  }

  private unboundName(name: string): Values {
    if (Lib.pythonBuiltins.has(name)) return Lib.knownBuiltins.has(name) ? this.one(`q:${name}`) : EMPTY
    for (const m of this.module.starImports) {
      if (Lib.starExports(m).includes(name) || Lib.isEpicsModule(m)) return this.one(`q:${m}.${name}`)
    }
    return EMPTY
  }
}
