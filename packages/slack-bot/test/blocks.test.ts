import { type Finding, Ids, type Run, sha256 } from "@pyexec/core"
import { describe, expect, it } from "vitest"
import { decodeDecision, ids, limits, rejectModal, resultsMessage, resultsTable, runLinks, runMessage, writesTable } from "../src/blocks/index.js"

const links = runLinks("https://pyexec.example.org", "3f2a9c1e-0000-4000-8000-000000000001")

const finding = (i: number): Finding.Finding => ({
  rule: i % 2 ? "EPICS001" : "PY004",
  name: i % 2 ? "pv-write" : "file-write-outside",
  category: i % 2 ? "epics-write" : "file-write-outside",
  severity: "error",
  line: i + 1,
  column: 1,
  endLine: i + 1,
  endColumn: 20,
  message: `writes SR:Q${i}:CURRENT_SP <${"x".repeat(i % 7 * 30)}>`
})

const waitingRun = (code: string, findings: ReadonlyArray<Finding.Finding>): Run.Run => ({
  id: Ids.RunId.make("3f2a9c1e-0000-4000-8000-000000000001"),
  status: "awaiting_approval",
  request: { query: "set the quadrupole SR:Q1 to 12 A", requester: "slack:U0ALICE", origin: { kind: "slack", channel: "C0ROOM", ts: "1.000001", user: "U0ALICE" } },
  attempts: [
    {
      number: 1,
      source: "generated",
      code,
      codeSha256: sha256(code),
      createdAt: "2026-01-01T10:00:00.000Z",
      analysis: { codeSha256: sha256(code), parsed: true, findings, durationMs: 3 },
      verdict: { decision: "needs-approval", profile: "write", reasons: ["EPICS001 at line 2 writes to the machine"] }
    }
  ],
  createdAt: "2026-01-01T10:00:00.000Z",
  updatedAt: "2026-01-01T10:00:01.000Z",
  version: 4
})

/** Every limit of Slack's that a message can break, checked on a rendered message. */
const expectWithinLimits = (blocks: ReadonlyArray<any>) => {
  expect(blocks.length).toBeLessThanOrEqual(limits.blocks)
  for (const block of blocks) {
    if (block.type === "section") expect(block.text.text.length).toBeLessThanOrEqual(limits.sectionText)
    if (block.type === "context") {
      expect(block.elements.length).toBeLessThanOrEqual(limits.contextElements)
      for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(limits.sectionText)
    }
    if (block.type === "actions") for (const e of block.elements) if (e.value) expect(e.value.length).toBeLessThanOrEqual(limits.buttonValue)
  }
}

const card = (run: Run.Run) => runMessage(run, { executor: "local", links, buttons: true, expiresAt: "2026-01-01T18:00:01.000Z" })
const actionsOf = (blocks: ReadonlyArray<any>) => blocks.find((b) => b.type === "actions")

describe("the approval card", () => {
  it("shows the request, who asked, the code, the findings with rule codes and lines, the profile and the executor, and both buttons", () => {
    const code = "from epics import caput\ncaput('SR:Q1:CURRENT_SP', 12.0)\nresults = {'ok': True}"
    const message = card(waitingRun(code, [finding(1)]))
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("<@U0ALICE> asked")
    expect(text).toContain("set the quadrupole SR:Q1 to 12 A")
    expect(text).toContain("caput('SR:Q1:CURRENT_SP', 12.0)")
    expect(text).toContain("`EPICS001` pv-write · line 2")
    expect(text).toMatch(/\*write\*.*Executor:\* `local`/)
    const actions = actionsOf(message.blocks)
    expect(actions.elements.map((e: any) => e.action_id)).toEqual([ids.approve, ids.reject, ids.review, ids.cancel])
    expect(decodeDecision(actions.elements[0].value)).toEqual({ runId: waitingRun(code, []).id, codeSha256: sha256(code) })
    expect(actions.elements[2].url).toBe(links.review)
    expectWithinLimits(message.blocks)
  })

  it("shows a write run's preview: the planned writes approving it allows, or that the preview failed", () => {
    const code = "from epics import caput\ncaput('SR:Q1:CURRENT_SP', 12.0)\nresults = {'ok': True}"
    const base = waitingRun(code, [finding(1)])
    const withPreview = (preview: NonNullable<Run.Run["attempts"][number]["preview"]>): Run.Run => ({ ...base, attempts: [{ ...base.attempts[0]!, preview }] })
    const planned = { channel: "SR:Q1:CURRENT_SP", protocol: "ca" as const, library: "pyepics", before: 10, value: 12, at: "2026-01-01T00:00:00.000Z", state: "planned" as const }
    const text = JSON.stringify(card(withPreview({ writes: [planned], durationMs: 80 })).blocks)
    expect(text).toContain("*Planned writes* (preview: nothing sent; approved, the run may make only these)")
    expect(text).toContain("SR:Q1:CURRENT_SP  10 -&gt; 12  planned")
    const failed = JSON.stringify(card(withPreview({ writes: [], durationMs: 5, error: "ZeroDivisionError: division by zero" })).blocks)
    expect(failed).toContain("*The preview failed:* ZeroDivisionError: division by zero")
    expect(JSON.stringify(card(base).blocks)).not.toContain("Planned writes")
  })

  it("keeps long code and many findings within Slack's limits, linking the review page and the notebook", () => {
    const code = Array.from({ length: 2000 }, (_, i) => `caput("SR:Q${i}:CURRENT_SP", ${i} & 3)  # <${i}>`).join("\n")
    const findings = Array.from({ length: 500 }, (_, i) => finding(i))
    const message = card(waitingRun(code, findings))
    expectWithinLimits(message.blocks)
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("Code cut to fit Slack (2000 lines in all)")
    expect(text).toContain(links.review)
    expect(text).toContain(links.notebook)
    expect(text).toMatch(/…and \d+ more findings/)
    expect(text).toContain("Findings (500)")
    expect(actionsOf(message.blocks)).toBeDefined() // the buttons are never cut off
    // escapes stay whole where the code was cut
    for (const block of message.blocks) if (block.type === "section") expect((block as any).text.text).not.toMatch(/&[a-z]*\n…/)
  })

  it("after a decision: no buttons, and who decided, when and why", () => {
    const code = "from epics import caput\ncaput('SR:Q1:CURRENT_SP', 12.0)"
    const waiting = waitingRun(code, [finding(1)])
    const [attempt] = waiting.attempts
    const rejected: Run.Run = {
      ...waiting,
      status: "rejected",
      attempts: [{ ...attempt!, approval: { runId: waiting.id, codeSha256: sha256(code), verdict: "rejected", decidedBy: "slack:U0BOB", decidedAt: "2026-01-01T10:05:00.000Z", comment: "wrong magnet" } }],
      outcome: { reason: "rejected", message: "rejected by slack:U0BOB: wrong magnet" }
    }
    const message = card(rejected)
    expect(actionsOf(message.blocks)).toBeUndefined()
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("*Rejected* by <@U0BOB> <!date^1767261900^")
    expect(text).toContain("*Reason:* wrong magnet")
  })

  it("the reject modal asks for the reason and carries the run and the code's hash", () => {
    const view = rejectModal({ runId: Ids.RunId.make("r1"), codeSha256: Ids.CodeSha256.make("a".repeat(64)) })
    expect(view.callback_id).toBe(ids.rejectModal)
    expect(decodeDecision(view.private_metadata)).toEqual({ runId: "r1", codeSha256: "a".repeat(64) })
    expect(view.blocks.some((b: any) => b.type === "input" && b.block_id === ids.reasonBlock && b.element.action_id === ids.reasonInput)).toBe(true)
    expect(decodeDecision('{"runId":"r1","codeSha256":"not a hash"}')).toBeUndefined()
  })
})

describe("the card while the code runs", () => {
  const executing = (): Run.Run => {
    const run = waitingRun("import time\nprint('step')\n", [])
    return { ...run, status: "executing" }
  }

  it("shows the end of the output so far, the newest line last, within Slack's limits", () => {
    const output = Array.from({ length: 400 }, (_, i) => `step ${i} of 400 <&> done\n`).join("")
    const message = runMessage(executing(), { executor: "local", links, buttons: true, liveOutput: { phase: "run", text: output } })
    expectWithinLimits(message.blocks)
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("Output so far")
    expect(text).toContain("step 399 of 400 &lt;&amp;&gt; done")
    expect(text).not.toContain("step 0 of 400")
    expect(text).toContain("…")
  })

  it("shows no output section once the run left executing", () => {
    const message = runMessage({ ...executing(), status: "succeeded" }, { executor: "local", links, buttons: true, liveOutput: { phase: "run", text: "step\n" } })
    expect(JSON.stringify(message.blocks)).not.toContain("Output so far")
  })

  it("shows a preview's output as the preview's while the run is analyzed, and not once it waits for approval", () => {
    const liveOutput = { phase: "preview", text: "planning 5 steps\n" } as const
    const previewing = runMessage({ ...executing(), status: "analyzing" }, { executor: "local", links, buttons: true, liveOutput })
    expect(JSON.stringify(previewing.blocks)).toContain("Preview output so far")
    expect(JSON.stringify(previewing.blocks)).toContain("planning 5 steps")
    const waiting = runMessage({ ...executing(), status: "awaiting_approval" }, { executor: "local", links, buttons: true, liveOutput })
    expect(JSON.stringify(waiting.blocks)).not.toContain("planning 5 steps")
  })

  it("shows the model's reply so far, marked as the model still writing, while the run generates, and not once its code is ready", () => {
    const liveOutput = { phase: "generation", text: "Here is the code:\n```python\nfrom epics import caget\n" } as const
    const generating: Run.Run = { ...executing(), status: "generating", attempts: [] }
    const writing = runMessage(generating, { executor: "local", links, buttons: true, liveOutput })
    expectWithinLimits(writing.blocks)
    const text = JSON.stringify(writing.blocks)
    expect(text).toContain("*The model is still writing*")
    expect(text).toContain("from epics import caget")
    const ready = runMessage({ ...executing(), status: "analyzing" }, { executor: "local", links, buttons: true, liveOutput })
    expect(JSON.stringify(ready.blocks)).not.toContain("The model is still writing")
  })
})

describe("results in the thread", () => {
  const ran = (result: Partial<NonNullable<Run.Run["attempts"][number]["result"]>>, status: Run.Run["status"] = "succeeded"): Run.Run => {
    const base = waitingRun("results = {}", [])
    return {
      ...base,
      status,
      attempts: [
        {
          ...base.attempts[0]!,
          result: {
            exitCode: 0,
            stdout: "",
            stderr: "",
            stdoutTruncated: false,
            stderrTruncated: false,
            results: null,
            resultsPresent: false,
            figures: [],
            durationMs: 1234,
            timedOut: false,
            error: null,
            ...result
          }
        }
      ]
    }
  }

  it("status, duration, stdout, results as a table and the links", () => {
    const message = resultsMessage(ran({ stdout: "read 3 PVs\n", results: { mean_current: 401.25, pvs: ["A", "B"] }, resultsPresent: true, figures: ["/x.png"] }), links)
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("Succeeded* in 1.23 s")
    expect(text).toContain("read 3 PVs")
    expect(resultsTable({ results: { mean_current: 401.25, pvs: ["A", "B"] } })).toBe('mean_current  401.25\npvs           ["A","B"]')
    // the runner's text of each value keeps what JSON loses: 1.0 is a float
    expect(resultsTable({ results: { gain: 1, pvs: ["A"] }, resultsText: { gain: "1.0", pvs: "['A']" } })).toBe("gain  1.0\npvs   ['A']")
    expect(text).toContain(links.notebook)
    expect(text).toContain("1 figure below")
    expectWithinLimits(message.blocks)
  })

  it("links the notebook in JupyterLab, next to Notebook and signed like it, only when the server has a JupyterLab and the run a notebook", () => {
    const signed = (path: string) => `${path}?sig=bot`
    const withLab = runLinks("https://pyexec.example.org", "3f2a9c1e-0000-4000-8000-000000000001", signed, true)
    expect(withLab.jupyter).toBe("https://pyexec.example.org/api/runs/3f2a9c1e-0000-4000-8000-000000000001/jupyter?sig=bot")
    expect(runLinks("https://pyexec.example.org", "3f2a9c1e-0000-4000-8000-000000000001", signed).jupyter).toBeUndefined()
    const noted = ran({ figures: ["/x.png"] })
    const withNotebook: Run.Run = { ...noted, notebookPath: "/home/runs/x.ipynb", attempts: noted.attempts.map((a) => ({ ...a, notebookPath: "/home/runs/x-1.ipynb" })) }
    const contextText = (message: ReturnType<typeof resultsMessage>) => {
      const last = message.blocks.at(-1)!
      return last.type === "context" && last.elements[0]?.type === "mrkdwn" ? last.elements[0].text : ""
    }
    expect(contextText(resultsMessage(withNotebook, withLab))).toBe(
      `<https://pyexec.example.org/runs/3f2a9c1e-0000-4000-8000-000000000001|Review page> · <${withLab.notebook}|Notebook> · <${withLab.jupyter}|JupyterLab> · 1 figure below`
    )
    // no JupyterLab configured, or no notebook to open there
    expect(contextText(resultsMessage(withNotebook, links))).not.toContain("JupyterLab")
    expect(contextText(resultsMessage(noted, withLab))).not.toContain("JupyterLab")
  })

  it("a failure with the error and the last lines of its traceback, within limits when huge", () => {
    const traceback = Array.from({ length: 400 }, (_, i) => `  File "code.py", line ${i}, in f${i}`).join("\n") + "\nZeroDivisionError: division by zero"
    const failed: Run.Run = {
      ...ran({ exitCode: 1, stdout: "x".repeat(100_000), stdoutTruncated: true, error: { type: "ZeroDivisionError", message: "division by zero", traceback, line: 3 } }, "failed"),
      outcome: { reason: "code-error", message: "ZeroDivisionError: division by zero" }
    }
    const message = resultsMessage(failed, links)
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("*ZeroDivisionError:* division by zero (line 3)")
    expect(text).toContain("ZeroDivisionError: division by zero```")
    expect(text).toContain("in f399")
    expect(text).not.toContain("in f100,")
    expect(text).toContain("*stdout* (excerpt)")
    expectWithinLimits(message.blocks)
  })

  it("the write ledger in the thread: each channel, from what to what, how it ended; many writes are cut with a count", () => {
    const write = (i: number, state: "completed" | "not-connected") => ({ channel: `SR:Q${String(i).padStart(2, "0")}:CURRENT_SP`, protocol: "ca" as const, library: "pyepics", before: i, value: i + 0.5, at: "2026-01-01T00:00:00.000Z", state })
    const message = resultsMessage({ ...ran({ writes: [write(1, "completed"), write(2, "not-connected")] }, "failed"), outcome: { reason: "write-failed", message: "1 of 2 writes did not hold" } }, links)
    const text = JSON.stringify(message.blocks)
    expect(text).toContain("*writes*")
    expect(text).toContain("SR:Q01:CURRENT_SP  1 -&gt; 1.5  completed")
    expect(text).toContain("SR:Q02:CURRENT_SP  2 -&gt; 2.5  not-connected")
    expect(writesTable(Array.from({ length: 100 }, (_, i) => write(i, "completed"))).split("\n").at(-1)).toBe("… 60 more")
    expectWithinLimits(message.blocks)
  })

  it("a results table of many rows is cut with a count", () => {
    const table = resultsTable({ results: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`pv${i}`, i])) })
    expect(table.split("\n")).toHaveLength(41)
    expect(table.endsWith("… 60 more")).toBe(true)
  })
})
