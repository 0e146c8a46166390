import { describe, expect, it } from "@effect/vitest"
import { makeEvaluator } from "../../src/internal/model/evaluate.js"
import { runFlow } from "../../src/internal/model/flow.js"
import { State } from "../../src/internal/model/state.js"
import type { Scope } from "../../src/internal/scopes.js"
import { parseTree } from "../../src/internal/syntaxTree.js"

const flowed = (source: string) => {
  const state = new State(parseTree(source).root, source, new Set())
  const settled = runFlow(state, makeEvaluator(state))
  /** The scope of the function named `name`. */
  const fn = (name: string): Scope => [...state.scopes].find(([node, s]) => s.kind === "function" && node.children[0] && state.text(node.children[0]) === name)![1]
  const lookup = (scope: Scope, name: string) => [...state.lookup(scope, name)].sort()
  return { state, settled, fn, lookup }
}

describe("the flow", () => {
  it("binds imports, with their aliases, to qualified names", () => {
    const { state, lookup } = flowed("import epics.ca\nimport epics as e\nfrom epics import caput as cp, PV")
    expect(lookup(state.module, "epics")).toEqual(["q:epics"])
    expect(lookup(state.module, "e")).toEqual(["q:epics"])
    expect(lookup(state.module, "cp")).toEqual(["q:epics.caput"])
    expect(lookup(state.module, "PV")).toEqual(["q:epics.PV"])
  })

  it("binds a function's parameter to what its calls pass, by position and by keyword", () => {
    const source = ["import epics", "def f(p, q=None):", "    p.put(1)", "f(epics.PV('X'), q=epics.caput)"].join("\n")
    const { settled, fn, lookup } = flowed(source)
    expect(settled).toBe(true)
    expect(lookup(fn("f"), "p")).toEqual(["obj:epics.PV"])
    expect(lookup(fn("f"), "q")).toEqual(["q:epics.caput"])
  })

  it("binds a name to what a function returns, whichever of the two is declared first", () => {
    const source = ["import epics", "pv = make()", "def make():", "    return helper()", "def helper():", "    return epics.PV('X')"].join("\n")
    const { state, settled, fn, lookup } = flowed(source)
    expect(settled).toBe(true)
    expect([...state.returnsOf(fn("make").id).values]).toEqual(["obj:epics.PV"])
    expect(lookup(state.module, "pv")).toEqual(["obj:epics.PV"])
  })

  it("binds self to the instance, an attribute stored on it, and a container to what is appended to it", () => {
    const source = ["import epics", "class C:", "    def __init__(self, name):", "        self.pv = epics.PV(name)", "pvs = []", "pvs.append(C('X').pv)"].join("\n")
    const { state, fn, lookup } = flowed(source)
    const init = fn("__init__")
    expect(lookup(init, "self")).toEqual([`inst:${init.methodOf!.id}`])
    expect([...state.attribute("pv").values]).toEqual(["obj:epics.PV"])
    expect(lookup(state.module, "pvs")).toEqual(["in:obj:epics.PV"])
  })

  it("binds a name to every value it is ever given (flow-insensitive)", () => {
    const { state, lookup } = flowed("import epics\nx = epics.caget\nx = epics.caput")
    expect(lookup(state.module, "x")).toEqual(["q:epics.caget", "q:epics.caput"])
  })
})
