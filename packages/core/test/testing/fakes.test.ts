import * as fs from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { Analyzer, Ids, NotebookWriter, type Run, sha256 } from "../../src/index.js"
import { FakeAnalyzer, FakeNotebookWriter } from "../../src/testing/index.js"

const run: Run.Run = {
  id: Ids.RunId.make("run-1"),
  status: "succeeded",
  request: { code: "results = {}", requester: "op" },
  attempts: [{ number: 1, source: "request", code: "results = {}", codeSha256: sha256("results = {}"), createdAt: "2026-01-01T00:00:00.000Z" }],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:01.000Z",
  version: 3
}

describe("FakeAnalyzer", () => {
  it.effect("by default finds EPICS writes where they are and a `syntax error` line as code that does not parse", () =>
    Effect.gen(function* () {
      const analyzer = yield* Analyzer.Analyzer
      const code = "import epics\nx = 1\npv.put(2)\n"
      const writes = yield* analyzer.analyze(code)
      expect(writes).toMatchObject({ codeSha256: sha256(code), parsed: true })
      expect(writes.findings.map((f) => [f.category, f.severity, f.line, f.column])).toEqual([["epics-write", "error", 3, 3]])
      const broken = yield* analyzer.analyze("x = 1\nsyntax error\n")
      expect(broken.parsed).toBe(false)
      expect(broken.findings.map((f) => [f.category, f.line])).toEqual([["syntax", 2]])
      expect((yield* analyzer.analyze("results = {}\n")).findings).toEqual([])
      expect((yield* FakeAnalyzer.FakeAnalyzer).analyzed()).toHaveLength(3)
    }).pipe(Effect.provide(FakeAnalyzer.layer())))

  it.effect("answers by the test's rules instead when given", () =>
    Effect.gen(function* () {
      const report = yield* Effect.flatMap(Analyzer.Analyzer, (a) => a.analyze("import subprocess\nepics.caput('X', 1)\n"))
      expect(report.findings.map((f) => [f.category, f.severity, f.line])).toEqual([["process", "warning", 1]])
    }).pipe(Effect.provide(FakeAnalyzer.layer([{ match: /subprocess/, category: "process", severity: "warning" }]))))
})

describe("FakeNotebookWriter", () => {
  it.effect("writes core's notebooks under its folder and remembers them", () =>
    Effect.gen(function* () {
      const writer = yield* NotebookWriter.NotebookWriter
      const attempt = yield* writer.writeAttempt(run, 1)
      const final = yield* writer.writeFinal(run)
      const fake = yield* FakeNotebookWriter.FakeNotebookWriter
      expect([attempt, final]).toEqual([`${fake.folder}/run-1/attempt-1.ipynb`, `${fake.folder}/run-1/notebook.ipynb`])
      expect(JSON.parse(fs.readFileSync(final, "utf8"))).toMatchObject({ nbformat: 4, metadata: { pyexec: { runId: "run-1", status: "succeeded" } } })
      expect(fake.written()).toEqual([
        { runId: run.id, attempt: 1, status: "succeeded", path: attempt },
        { runId: run.id, status: "succeeded", path: final }
      ])
      expect(yield* Effect.flip(writer.writeAttempt(run, 2))).toMatchObject({ _tag: "NotebookError" })
    }).pipe(Effect.provide(FakeNotebookWriter.layer())))
})
