import { execFileSync } from "node:child_process"
import { describe, expect, it } from "@effect/vitest"
import { Ids, Notebook, type Run } from "../src/index.js"

const validate = (notebook: unknown) =>
  execFileSync("python3", ["-c", "import sys, json, nbformat; nbformat.validate(nbformat.from_dict(json.load(sys.stdin)))"], {
    input: JSON.stringify(notebook)
  })

const png = Buffer.from("89504e470d0a1a0a", "hex").toString("base64")

const run: Run.Run = {
  id: Ids.RunId.make("run-1"),
  status: "failed",
  request: { query: "plot | the current", requester: "op", expectedResults: { mean: "mean in mA" } },
  attempts: [
    {
      number: 1,
      source: "generated",
      model: "coder",
      code: "results = {\n",
      codeSha256: Ids.CodeSha256.make("a".repeat(64)),
      createdAt: "2026-01-01T00:00:00.000Z",
      error: { kind: "syntax", message: "E999 line 1: syntax error" }
    },
    {
      number: 2,
      source: "generated",
      model: "coder",
      code: "print('hi')\nimport matplotlib\nresults = {'mean': 1.5}\n",
      codeSha256: Ids.CodeSha256.make("b".repeat(64)),
      createdAt: "2026-01-01T00:00:01.000Z",
      analysis: {
        codeSha256: Ids.CodeSha256.make("b".repeat(64)),
        parsed: true,
        durationMs: 1,
        findings: [{ rule: "EPICS001", name: "pv-write", category: "epics-write", severity: "error", line: 1, column: 1, endLine: 1, endColumn: 5, message: "writes | pipes" }]
      },
      verdict: { decision: "needs-approval", profile: "write", reasons: ["EPICS001 line 1"] },
      approval: { runId: Ids.RunId.make("run-1"), codeSha256: Ids.CodeSha256.make("b".repeat(64)), verdict: "approved", decidedBy: "alice", decidedAt: "2026-01-01T00:00:02.000Z" },
      result: {
        exitCode: 1,
        stdout: "hi\n",
        stderr: "warning\n",
        stdoutTruncated: false,
        stderrTruncated: false,
        results: null,
        resultsPresent: false,
        figures: ["/x/figure-1.png"],
        durationMs: 12,
        timedOut: false,
        error: { type: "KeyError", message: "'x'", traceback: "Traceback (most recent call last):\n  File ...\nKeyError: 'x'" },
        writes: [
          { channel: "SR:Q01:CURRENT_SP", protocol: "ca", library: "pyepics", before: 10, value: 12.5, at: "2026-01-01T00:00:02.500Z", state: "verified", readback: { channel: "SR:Q01:CURRENT_RB", value: 12.49, tolerance: 0.05, alarm: { status: "0", severity: "NO_ALARM" } } },
          { channel: "SR:Q02:CURRENT_SP", protocol: "ca", library: "pyepics", value: 3, at: "2026-01-01T00:00:02.600Z", state: "not-connected", detail: "the channel did not connect" }
        ]
      }
    }
  ],
  outcome: { reason: "code-error", message: "KeyError: 'x'" },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:03.000Z",
  version: 7
}

describe("Notebook", () => {
  it("writes attempts that nbformat validates, with streams, figures and the error", () => {
    const first = Notebook.attemptNotebook(run, run.attempts[0]!, [])
    validate(first)
    expect(first.cells.at(-1)).toMatchObject({ cell_type: "code", execution_count: null, outputs: [{ output_type: "error", ename: "SyntaxError" }] })

    const second = Notebook.attemptNotebook(run, run.attempts[1]!, [{ path: "/x/figure-1.png", pngBase64: png }])
    validate(second)
    const outputs = (second.cells.at(-1) as { outputs: Array<Record<string, unknown>> }).outputs
    expect(outputs.map((o) => o.output_type)).toEqual(["stream", "stream", "display_data", "error"])
    expect(outputs[2]).toMatchObject({ data: { "image/png": png } })
    const header = (second.cells[1] as { source: Array<string> }).source.join("")
    expect(header).toContain("approved by **alice**")
    expect(header).toContain("EPICS001 pv-write")
    expect(header).toContain("writes \\| pipes")
    expect(header).toContain("### Writes")
    expect(header).toContain("| SR:Q01:CURRENT_SP | 10 | 12.5 | verified | readback SR:Q01:CURRENT_RB = 12.49 (NO_ALARM) |")
    expect(header).toContain("| SR:Q02:CURRENT_SP | ? | 3 | not-connected | the channel did not connect |")
  })

  it("writes results as an execute_result and the final notebook with every attempt", () => {
    const succeeded: Run.Run = {
      ...run,
      status: "succeeded",
      attempts: [
        run.attempts[0]!,
        { ...run.attempts[1]!, result: { ...run.attempts[1]!.result!, exitCode: 0, error: null, results: { mean: 1.5 }, resultsPresent: true } }
      ]
    }
    const final = Notebook.finalNotebook(succeeded, new Map([[2, [{ path: "/x/figure-1.png", pngBase64: png }]]]))
    validate(final)
    const code = final.cells.at(-1) as { outputs: Array<Record<string, unknown>> }
    expect(code.outputs.at(-1)).toMatchObject({ output_type: "execute_result", data: { "application/json": { mean: 1.5 } } })
    expect(code.outputs.some((o) => o.output_type === "display_data")).toBe(true)
    const header = (final.cells[1] as { source: Array<string> }).source.join("")
    expect(header).toContain("attempt 1: syntax")
    expect(header).toContain("attempt 2: ran")
    // every attempt: its account, then its code with its outputs
    expect(final.cells.slice(2).map((c) => [c.id, c.cell_type])).toEqual([
      ["attempt-1", "markdown"],
      ["attempt-1-code", "code"],
      ["attempt-2", "markdown"],
      ["attempt-2-code", "code"]
    ])
    expect((final.cells[3] as { outputs: Array<Record<string, unknown>> }).outputs).toEqual([{ output_type: "error", ename: "SyntaxError", evalue: "E999 line 1: syntax error", traceback: [] }])
    expect((final.cells[4] as { source: Array<string> }).source.join("")).toContain("approved by **alice**")
  })

  it("a notebook whose code may write starts with a guard cell that raises; a read-only one has none", () => {
    for (const notebook of [Notebook.finalNotebook(run, new Map()), Notebook.attemptNotebook(run, run.attempts[1]!, [])]) {
      expect(notebook.cells[0]).toMatchObject({ id: "pyexec-guard", cell_type: "code", metadata: { tags: ["pyexec-guard"] } })
      const source = (notebook.cells[0] as { source: Array<string> }).source.join("")
      expect(source).toMatch(/^# pyexec guard: .*run run-1.*\nraise RuntimeError\("pyexec guard: .*Delete this cell to run the code anyway\."\)\n$/)
    }
    // an attempt that was never analyzed may write as much as one that was: guarded too
    expect(Notebook.attemptNotebook(run, run.attempts[0]!, []).cells[0]!.id).toBe("pyexec-guard")
    const readOnly = { ...run.attempts[1]!, verdict: { decision: "execute" as const, profile: "read-only" as const, reasons: [] } }
    const reading: Run.Run = { ...run, attempts: [readOnly] }
    expect(Notebook.finalNotebook(reading, new Map()).cells.map((c) => c.id)).not.toContain("pyexec-guard")
    expect(Notebook.attemptNotebook(reading, readOnly, []).cells.map((c) => c.id)).not.toContain("pyexec-guard")
  })
})
