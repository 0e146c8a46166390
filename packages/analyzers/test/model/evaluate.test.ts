import { describe, expect, it } from "@effect/vitest"
import { makeEvaluator } from "../../src/internal/model/evaluate.js"
import { runFlow } from "../../src/internal/model/flow.js"
import { State } from "../../src/internal/model/state.js"
import { type Node, parseTree } from "../../src/internal/syntaxTree.js"

/** A State with the flow run over `source`, its evaluator, and the value of the first expression with text `expr`, in a visit of its own. */
const setUp = (source: string, tracked: ReadonlySet<string> = new Set()) => {
  const state = new State(parseTree(source).root, source, tracked)
  const evaluator = makeEvaluator(state)
  expect(runFlow(state, evaluator)).toBe(true)
  const find = (n: Node, expr: string): Node | undefined =>
    state.text(n) === expr && n.type !== "module" && n.type !== "expression_statement" ? n : n.children.map((c) => find(c, expr)).find((x) => x !== undefined)
  const valuesOf = (expr: string) => {
    const node = find(state.root, expr)
    if (!node) throw new Error(`no ${expr}`)
    state.visit++
    return [...evaluator.evaluate(node, state.module)].sort()
  }
  return { state, evaluator, valuesOf }
}

describe("evaluate", () => {
  it("gives the attribute of an imported module as its qualified name", () => {
    const { valuesOf } = setUp("import epics\nepics.ca.put")
    expect(valuesOf("epics.ca.put")).toEqual(["q:epics.ca.put"])
  })

  it("follows a module's attributes only where a library of the table, or a tracked name, goes", () => {
    expect(setUp("import json\njson.dumps").valuesOf("json.dumps")).toEqual([])
    expect(setUp("import json\njson.dumps", new Set(["json", "json.dumps"])).valuesOf("json.dumps")).toEqual(["q:json.dumps"])
  })

  it("makes an EPICS object of a constructor call, and a method of it of its attribute", () => {
    const { valuesOf } = setUp('import epics\npv = epics.PV("SR:Q01")\npv.put')
    expect(valuesOf('epics.PV("SR:Q01")')).toEqual(["obj:epics.PV"])
    expect(valuesOf("pv.put")).toEqual(["meth:epics.PV.put"])
  })

  it("reads a literal getattr and an __import__ by name", () => {
    const { valuesOf } = setUp('getattr(__import__("epics"), "caput")')
    expect(valuesOf('__import__("epics")')).toEqual(["q:epics"])
    expect(valuesOf('getattr(__import__("epics"), "caput")')).toEqual(["q:epics.caput"])
  })

  it("gives a reflective namespace for globals(), and something from EPICS that cannot be named out of it", () => {
    const { valuesOf } = setUp('globals()["caput"]')
    expect(valuesOf("globals()")).toEqual(["reflect"])
    expect(valuesOf('globals()["caput"]')).toEqual(["epics-any", "reflect"])
  })

  it("evaluates each node once per visit: the same set again within it", () => {
    const source = "import epics\nepics.caput"
    const { state, evaluator } = setUp(source)
    const node = state.root.children[1]!.children[0]!
    state.visit++
    expect(evaluator.evaluate(node, state.module)).toBe(evaluator.evaluate(node, state.module))
    expect(state.memoNode[node.id]).toBe(node)
  })
})

describe("attrOf, instanceOf and callResult", () => {
  it("give a class's instance, a code class's method, and what a code function returns", () => {
    const source = ["import epics", "class C:", "    def m(self):", "        return epics.PV('X')", "C().m()"].join("\n")
    const { state, evaluator, valuesOf } = setUp(source)
    expect([...evaluator.instanceOf("q:epics.PV")]).toEqual(["obj:epics.PV"])
    const classScope = [...state.scopes.values()].find((s) => s.kind === "class")!
    const method = state.methodOf(classScope, "m")!
    // bound on an instance; the class body's own binding of the name `m` comes along (flow-insensitive)
    expect([...evaluator.attrOf(`inst:${classScope.id}`, "m")]).toEqual([`bfn:${method.id}`, `fn:${method.id}`])
    expect([...evaluator.attrOf(`cls:${classScope.id}`, "m")]).toEqual([`fn:${method.id}`])
    expect(valuesOf("C().m()")).toEqual(["obj:epics.PV"])
  })
})
