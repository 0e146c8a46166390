import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnalyzerConfig, TreeSitterAnalyzer } from "../src/index.js"

const py008 = (source: string, options?: Partial<TreeSitterAnalyzer.AnalyzerOptions>) =>
  TreeSitterAnalyzer.analyze(source, options).findings.filter((f) => f.rule === "PY008").map((f) => f.message)

const configFile = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-imports-")), "analyzer.yaml")
  fs.writeFileSync(file, text)
  return file
}

describe("modules code may use without approval (PY008)", () => {
  it("names the module and why it is refused", () => {
    expect(py008("import ctypes\n")).toEqual(["imports `ctypes`: `ctypes` is not on the list of modules code may use without approval"])
    expect(py008("from ophyd_async.epics import signal\n")[0]).toMatch(/`ophyd_async` is an EPICS library pyexec cannot check/)
    expect(py008("import numpy.ctypeslib\n")[0]).toMatch(/`numpy.ctypeslib` is taken out/)
    expect(py008("from . import helpers\n")[0]).toMatch(/imports from the run's own folder/)
  })

  it("follows a part taken out of an allowed module under another name", () => {
    expect(py008("import sys as s\nget = s._getframe\nget(0).f_globals\n")).toHaveLength(1)
    expect(py008("import logging.config\n")).toHaveLength(1)
  })

  it("lets the scientific stack and the EPICS clients through", () => {
    expect(py008("import numpy as np\nimport scipy.optimize\nfrom matplotlib import pyplot\nimport epics\nfrom p4p.client.thread import Context\nimport sys\nprint(sys.argv)\n")).toEqual([])
  })

  it.effect("a site adds its own modules with allow_modules in its analyzer configuration", () =>
    Effect.gen(function* () {
      const options = yield* AnalyzerConfig.load(configFile("allow_modules: [facility_tools, cern.nxcals]\n"))
      expect(py008("import facility_tools\nfrom cern.nxcals.api import query\n", options)).toEqual([])
      expect(py008("import ctypes\n", options)).toHaveLength(1)
      const bad = yield* Effect.flip(AnalyzerConfig.load(configFile("allow_modules: [../evil]\n")))
      expect(bad.message).toMatch(/a dotted module name/)
    })
  )
})
