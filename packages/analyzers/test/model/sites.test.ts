import { describe, expect, it } from "@effect/vitest"
import { makeEvaluator } from "../../src/internal/model/evaluate.js"
import { runFlow } from "../../src/internal/model/flow.js"
import { collectSites } from "../../src/internal/model/sites.js"
import { State } from "../../src/internal/model/state.js"
import { parseTree } from "../../src/internal/syntaxTree.js"

const sitesOf = (source: string, tracked: ReadonlySet<string> = new Set()) => {
  const state = new State(parseTree(source).root, source, tracked)
  const evaluator = makeEvaluator(state)
  runFlow(state, evaluator)
  const sites = collectSites(state, evaluator)
  const show = (list: ReadonlyArray<{ node: { start: number; end: number }; kind: string; what: string }>) =>
    list.map((s) => `${s.kind} ${source.slice(s.node.start, s.node.end)} :: ${s.what}`)
  return { ...sites, show }
}

describe("the sites", () => {
  it("records a write at a store to an EPICS object's attribute, and nothing for a plain object", () => {
    const { writes, show } = sitesOf(["import epics", "pv = epics.PV('X')", "pv.value = 3", "class C: pass", "c = C()", "c.value = 3"].join("\n"))
    expect(show(writes)).toEqual(["store pv.value :: epics.PV.value"])
  })

  it("records an EPICS write call once, at the call, and a read as a read", () => {
    const { writes, reads, show } = sitesOf("import epics\nepics.ca.put('X', 1)\nepics.caget('Y')")
    expect(show(writes)).toEqual(["call epics.ca.put('X', 1) :: epics.ca.put"])
    expect(show(reads)).toEqual(["call epics.caget('Y') :: epics.caget"])
  })

  it("records a write method passed on as a reference", () => {
    const { writes, show } = sitesOf("import epics\nactions = [epics.caput]")
    expect(show(writes)).toEqual(["reference epics.caput :: epics.caput"])
  })

  it("records a call to an EPICS member it does not know as unknown, not as a write", () => {
    const { writes, unknownEpicsCalls, show } = sitesOf("import epics\nepics.some_new_function(1)")
    expect(show(writes)).toEqual([])
    expect(show(unknownEpicsCalls)).toEqual(["call epics.some_new_function(1) :: epics.some_new_function"])
  })

  it("records every call with the names its callee may have, its positional arguments and keywords", () => {
    const { calls } = sitesOf("import subprocess\nsubprocess.run(['ls'], check=True)\nprint(1)", new Set(["subprocess", "subprocess.run"]))
    const run = calls.find((c) => c.names.includes("subprocess.run"))!
    expect(run.positional.map((n) => n.type)).toEqual(["list"])
    expect([...run.keywords.keys()]).toEqual(["check"])
    expect(calls.map((c) => c.names)).toEqual([["subprocess.run"], ["print"]])
  })

  it("records access to namespaces through sys.modules, __dict__ and __builtins__", () => {
    const { namespaceAccess, show } = sitesOf("import sys\nsys.modules['epics']\nx.__dict__\n__builtins__")
    expect(show(namespaceAccess)).toEqual(["reference sys.modules :: sys.modules", "reference x.__dict__ :: x.__dict__", "reference __builtins__ :: __builtins__"])
  })
})
