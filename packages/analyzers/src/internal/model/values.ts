/**
 * The model's abstract values, and what the library table says about each. Nothing here depends on the
 * code being analysed: these are pure functions of a value (and the table in `libraries.ts`).
 */
import * as Lib from "../libraries.js"
import type { Node } from "../syntaxTree.js"

/**
 * What an expression may evaluate to, as a set of abstract values:
 * - `q:NAME`   a module, a library member or a builtin, by qualified name (`q:epics.caput`, `q:exec`)
 * - `obj:C`    an instance of a library class from the table (`obj:epics.PV`)
 * - `meth:C.m` method `m` of such an instance
 * - `fn:ID` / `bfn:ID`  a function or lambda defined in the code (unbound / bound to an instance)
 * - `cls:ID` / `inst:ID` a class defined in the code, and its instances
 * - `epics-any` something reached from an EPICS library that cannot be named
 * - `reflect`  a namespace mapping (globals(), vars(), sys.modules): anything can come out of it
 * - `unknown`  what library code or Python itself hands to the code's functions, or a computed attribute:
 *              anything. Not taken for an EPICS object, but a write method called on it (`x.put(1)`) or a
 *              write attribute set on it (`x.value = 1`) may write, and asks (only in code that uses EPICS).
 * - `in:V`     an element of a container: `[pv]`, `{"qf": pv}`, `queue.put(pv)` hold `in:obj:epics.PV`. The
 *              container's own methods (`pvs.sort()`, `queue.task_done()`) are not the element's; indexing,
 *              iterating and `get`/`pop` give the element back (`unwrap`). Containers of containers are one
 *              container (`[[pv]]` holds `in:obj:epics.PV`): unwrapping a value that is not wrapped keeps it,
 *              so `for row in m: for p in row` still reaches the PV, and `x = [x]` in a loop ends.
 * The analysis is flow-insensitive: a name holds every value it is ever bound to, so it errs
 * towards finding a write.
 */
export type Value = string
/** A set of values. Sets handed around are never changed in place, except a slot's own (see `State.add`). */
export type Values = ReadonlySet<Value>

export const EMPTY: Values = new Set()

/** See `unknown` above. */
export const UNKNOWN: Value = "unknown"


/** `{in:v}`, one shared set per value, for one model: wrapping is frequent, and minting the string each time was not cheap. */
export const elements = (one: (v: Value) => Values): ((v: Value) => Values) => {
  const sets = new Map<Value, Values>()
  return (v: Value): Values => {
    let set = sets.get(v)
    if (!set) {
      set = one(v.startsWith("in:") ? v : `in:${v}`)
      sets.set(v, set)
    }
    return set
  }
}

/** The values as elements of a container (`inside` from `elements`). */
export const wrap = (values: Values, inside: (v: Value) => Values): Values => {
  if (values.size === 0) return values
  if (values.size === 1) for (const v of values) return inside(v)
  const out = new Set<Value>()
  for (const v of values) for (const w of inside(v)) out.add(w)
  return out
}

/** The elements of containers, and any value not known to be a container as it is (it may be one). */
export const unwrap = (values: Values): Values => {
  if (values.size === 0) return values
  let wrapped = false
  for (const v of values) if (v.startsWith("in:")) wrapped = true
  if (!wrapped) return values
  const out = new Set<Value>()
  for (const v of values) out.add(v.startsWith("in:") ? v.slice(3) : v)
  return out
}

/** A value without its container marks. */
export const element = (v: Value): Value => {
  let e = v
  while (e.startsWith("in:")) e = e.slice(3)
  return e
}

/** The number of dotted parts of a value (`q:a.b` has 2). */
export const partsOf = (v: Value): number => {
  let parts = 1
  for (let i = v.indexOf("."); i !== -1; i = v.indexOf(".", i + 1)) parts++
  return parts
}

/** `a ∪ b`; `a` itself when it holds all of `b`, `b` when `a` is empty (no allocation). */
export const union = (a: Values, b: Values): Values => {
  if (a.size === 0) return b
  if (b.size === 0 || a === b) return a
  let out: Set<Value> | undefined
  for (const v of b) {
    if (out === undefined) {
      if (a.has(v)) continue
      // (copied by a loop: `new Set(a)` walks a set through the iterator protocol, an object per element)
      out = new Set()
      for (const w of a) out.add(w)
    }
    out.add(v)
  }
  return out ?? a
}

/**
 * A `one(v)` for one model: the set `{v}`, one set per value, shared. Most results are a single value, and
 * allocating them was a good part of the time. Per model rather than global: the values a piece of code
 * mints (names from `__import__("…")`, ids of its functions) would otherwise pile up in a long-lived process.
 */
export const singletons = (): ((v: Value) => Values) => {
  const sets = new Map<Value, Values>()
  return (v: Value): Values => {
    let set = sets.get(v)
    if (!set) {
      set = new Set([v])
      sets.set(v, set)
    }
    return set
  }
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

/** Whether a value comes from an EPICS library (a module, a member, an object or its method), or holds one. */
export const isEpicsValue = (value: Value): boolean => {
  const v = element(value)
  if (v === "epics-any" || v === "reflect") return true
  if (v.startsWith("q:")) return Lib.isEpicsModule(v.slice(2))
  if (v.startsWith("obj:")) return Lib.classes.get(v.slice(4))?.epics ?? false
  if (v.startsWith("meth:")) {
    const rest = v.slice(5)
    return Lib.classes.get(rest.slice(0, rest.lastIndexOf(".")))?.epics ?? false
  }
  return false
}

/**
 * Whether library code handed this value could write with it: an EPICS object or something that makes one
 * (a class, an unknown member, a namespace), not a known read function or a module's harmless member.
 */
export const mayWriteWith = (value: Value): boolean => {
  const v = element(value)
  if (!isEpicsValue(v)) return false
  if (v.startsWith("q:")) {
    const member = Lib.members.get(v.slice(2))
    // a module of an EPICS library, an unknown member, or a class: with them, code makes its own objects
    return member === undefined || member.kind === "class" || member.kind === "factory"
  }
  if (v.startsWith("meth:")) return classify(v) === "unknown-epics"
  return true
}

/** Qualified names of what a value set may be: for rule messages. */
export const describe = (values: Values): string =>
  [...new Set([...values].map(element))]
    .map((v) => (v === "epics-any" ? "an EPICS object" : v === "reflect" ? "a namespace" : v.startsWith("q:") ? v.slice(2) : v.startsWith("meth:") ? `${v.slice(5).replace(/\.([^.]+)$/, "().$1")}` : v))
    .filter((v) => !v.startsWith("fn:") && !v.startsWith("bfn:") && !v.startsWith("cls:") && !v.startsWith("inst:"))
    .sort()
    .join(", ")

/** The text of a string literal without interpolations (`"x"`, not `f"{x}"`); undefined for anything else. */
export const literalString = (node: Node | undefined, text: (n: Node) => string): string | undefined => {
  if (node?.type !== "string") return undefined
  if (node.children.some((c) => c.type === "interpolation")) return undefined
  return node.children
    .filter((c) => c.type === "string_content")
    .map(text)
    .join("")
}
