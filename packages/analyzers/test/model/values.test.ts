import { describe, expect, it } from "@effect/vitest"
import * as Values from "../../src/internal/model/values.js"
import { type Node, parseTree } from "../../src/internal/syntaxTree.js"

/** The first node of `type` in `source`'s tree. */
const first = (source: string, type: string): Node => {
  const walk = (n: Node): Node | undefined => (n.type === type ? n : n.children.map(walk).find((x) => x !== undefined))
  const found = walk(parseTree(source).root)
  if (!found) throw new Error(`no ${type} in ${source}`)
  return found
}

describe("classify", () => {
  it("tells an EPICS write function, a read function and something unknown from an EPICS module", () => {
    expect(Values.classify("q:epics.caput")).toBe("write")
    expect(Values.classify("q:epics.caget")).toBe("read")
    expect(Values.classify("q:epics.some_new_function")).toBe("unknown-epics")
    expect(Values.classify("epics-any")).toBe("unknown-epics")
  })

  it("tells a write method of an EPICS object, by its instance's method or by its class's attribute", () => {
    expect(Values.classify("meth:epics.PV.put")).toBe("write")
    expect(Values.classify("q:epics.PV.put")).toBe("write")
    expect(Values.classify("meth:epics.PV.get")).toBe("read")
  })

  it("knows nothing of values outside EPICS", () => {
    for (const v of ["q:os.path.join", "q:print", "fn:3", "inst:2", "obj:epics.PV"]) expect(Values.classify(v)).toBeUndefined()
  })
})

describe("isEpicsValue", () => {
  it("holds for EPICS modules, objects and methods, and for namespace mappings", () => {
    for (const v of ["q:epics", "q:epics.ca.put", "obj:epics.PV", "meth:epics.PV.put", "epics-any", "reflect"]) expect(Values.isEpicsValue(v)).toBe(true)
    for (const v of ["q:os", "q:subprocess.run", "fn:1", "cls:2"]) expect(Values.isEpicsValue(v)).toBe(false)
  })
})

describe("value sets", () => {
  it("unions without allocating when one side is empty", () => {
    const a = new Set(["q:a"])
    const b = new Set(["q:b", "q:a"])
    expect(Values.union(a, Values.EMPTY)).toBe(a)
    expect(Values.union(Values.EMPTY, b)).toBe(b)
    expect([...Values.union(a, b)]).toEqual(["q:a", "q:b"])
    expect([...a]).toEqual(["q:a"])
  })

  it("shares one singleton set per value within one model, and not across models", () => {
    const one = Values.singletons()
    expect(one("q:epics")).toBe(one("q:epics"))
    expect([...one("q:epics")]).toEqual(["q:epics"])
    expect(Values.singletons()("q:epics")).not.toBe(one("q:epics"))
  })

  it("counts the dotted parts of a value", () => {
    expect(Values.partsOf("q:epics")).toBe(1)
    expect(Values.partsOf("q:epics.ca.put")).toBe(3)
  })

  it("describes values by qualified name, leaving out the code's own functions and classes", () => {
    expect(Values.describe(new Set(["q:epics.caput", "meth:epics.PV.put", "fn:3", "inst:1", "epics-any"]))).toBe("an EPICS object, epics.PV().put, epics.caput")
  })
})

describe("literalString", () => {
  const text = (source: string) => (n: Node) => source.slice(n.start, n.end)

  it("reads a plain string literal", () => {
    const source = 'x = "SR:Q01"'
    expect(Values.literalString(first(source, "string"), text(source))).toBe("SR:Q01")
  })

  it("gives nothing for an f-string with interpolations or an expression that is no string", () => {
    const fstring = 'x = f"SR:{n}"'
    expect(Values.literalString(first(fstring, "string"), text(fstring))).toBeUndefined()
    const name = "x = y"
    expect(Values.literalString(first(name, "identifier"), text(name))).toBeUndefined()
    expect(Values.literalString(undefined, text(name))).toBeUndefined()
  })
})
