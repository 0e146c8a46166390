import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { pyexec, repoRoot, tempDir } from "./support/cli.js"
import { controlRoom } from "./support/controlRoom.js"

const readBeam = path.join(repoRoot, "examples/read_beam.py")
const setQuadrupole = path.join(repoRoot, "examples/set_quadrupole.py")
const QUAD_SP = "SR:Q01:CURRENT_SP"

/** "Run All" on a notebook, as Jupyter does it: cells in order in one kernel, stopping at the first error. */
const nbclientRunAll = `
import json, sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
nb = nbformat.read(sys.argv[1], as_version=4)
if sys.argv[2] == "delete":
    nb.cells = [c for c in nb.cells if "pyexec-guard" not in c.metadata.get("tags", [])]
try:
    NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    print(json.dumps({"stopped": None}))
except CellExecutionError as e:
    print(json.dumps({"stopped": f"{e.ename}: {e.evalue}"}))
`

describe("the control room (scripts/controlroom) through the pyexec CLI", () => {
  let epics: Record<string, string>
  let caget: (pv: string) => Promise<string>
  let caput: (pv: string, value: string) => Promise<string>
  let cwd: string
  let before: string | undefined

  beforeAll(async () => {
    ;({ epics, caget, caput } = await controlRoom())
    cwd = tempDir("controlroom")
    before = await caget(QUAD_SP)
    // a run that died half-way may have left the example's value behind: start from another one
    if (Number(before) === 12.5) {
      await caput(QUAD_SP, "10")
      before = "10"
    }
  })
  afterAll(async () => {
    if (before !== undefined) await caput(QUAD_SP, before)
  })

  it("a read-only run reads the live machine without approval: results and a figure", async () => {
    const { code, stdout, stderr } = await pyexec(["exec", readBeam, "--json"], { cwd, env: epics })
    expect(code, stderr).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.status).toBe("succeeded")
    expect(out.findings.map((f: { category: string }) => f.category)).not.toContain("epics-write")
    const results = out.result.results
    const [mode, current, lifetime, q01] = await Promise.all(["SR:MODE", "SR:DCCT:CURRENT", "SR:DCCT:LIFETIME", "SR:Q01:CURRENT_RB"].map(caget))
    expect(results.mode).toBe(mode)
    // the beam decays with a 9.5 h lifetime and has 0.05 mA of noise: a few seconds apart, well within 1 mA
    expect(Math.abs(results.beam_current_ma - Number(current))).toBeLessThan(1)
    expect(Math.abs(results.lifetime_h - Number(lifetime))).toBeLessThan(0.2)
    expect(Math.abs(results.q01_current_a - Number(q01))).toBeLessThan(0.05)
    expect(out.result.figures).toHaveLength(1)
    expect(fs.readFileSync(out.result.figures[0]).subarray(1, 4).toString()).toBe("PNG")
  })

  it("a write waits for approval and changes nothing; approved, it sets the quadrupole and the readback follows", async () => {
    const first = await pyexec(["exec", setQuadrupole, "--json"], { cwd, env: epics })
    expect(first.code, first.stderr).toBe(2)
    const waiting = JSON.parse(first.stdout)
    expect(waiting.status).toBe("awaiting_approval")
    expect(waiting.findings.map((f: { rule: string }) => f.rule)).toContain("EPICS001")
    expect(Number(await caget(QUAD_SP))).toBe(Number(before))

    const approved = await pyexec(["approve", waiting.runId, "--json"], { cwd, env: epics })
    expect(approved.code, approved.stderr).toBe(0)
    const out = JSON.parse(approved.stdout)
    expect(out).toMatchObject({ runId: waiting.runId, status: "succeeded", result: { results: { pv: QUAD_SP, setpoint_a: 12.5 } } })
    expect(out.result.results.before_a).toBe(Number(before))
    expect(Math.abs(out.result.results.readback_a - 12.5)).toBeLessThan(0.05)
    expect(Number(await caget(QUAD_SP))).toBe(12.5)
    // the write ledger: the one write the run made, from what to what
    expect(out.result.writes).toEqual([expect.objectContaining({ channel: QUAD_SP, protocol: "ca", library: "pyepics", before: Number(before), value: 12.5 })])
    expect(["sent", "completed"]).toContain(out.result.writes[0].state)
  })

  it("the write's notebook, run with 'Run All' in a real kernel (nbclient), stops at its guard and writes nothing; with the guard deleted, it writes", async () => {
    const first = await pyexec(["exec", setQuadrupole, "--approve", "--json"], { cwd, env: epics })
    expect(first.code, first.stderr).toBe(0)
    const notebook = JSON.parse(first.stdout).notebook as string
    await caput(QUAD_SP, "10")
    const runAll = (guard: "keep" | "delete") =>
      new Promise<{ stopped: string | null }>((resolve, reject) =>
        execFile(
          path.join(repoRoot, ".venv/bin/python"),
          ["-c", nbclientRunAll, notebook, guard],
          { env: { ...process.env, ...epics }, timeout: 120_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)))
        )
      )
    const guarded = await runAll("keep")
    expect(guarded.stopped).toMatch(/RuntimeError: pyexec guard: .*Delete this cell to run the code anyway/)
    expect(Number(await caget(QUAD_SP))).toBe(10)
    expect(await runAll("delete")).toEqual({ stopped: null })
    expect(Number(await caget(QUAD_SP))).toBe(12.5)
  })

  /** Runs `code` approved up front, with these extra settings; the CLI's JSON answer and exit status. */
  const approvedRun = async (name: string, code: string, env: Record<string, string> = {}) => {
    const file = path.join(cwd, `${name}.py`)
    fs.writeFileSync(file, code)
    const { code: status, stdout, stderr } = await pyexec(["exec", file, "--approve", "--json"], { cwd, env: { ...epics, ...env } })
    return { status, stderr, out: JSON.parse(stdout) }
  }

  it("an approved write to a channel that does not connect ends failed, the ledger naming it; show and the notebook list it", async () => {
    const missing = "SR:Q99:CURRENT_SP"
    const { status, out } = await approvedRun("missing", `import epics\nepics.caput("${missing}", 1.0, connection_timeout=1)\nresults = {"done": True}\n`)
    expect(status).toBe(1)
    expect(out.status).toBe("failed")
    expect(out.outcome.reason).toBe("write-failed")
    expect(out.outcome.message).toContain(`${missing} := 1 (not-connected`)
    expect(out.result.writes).toEqual([expect.objectContaining({ channel: missing, state: "not-connected" })])
    const shown = await pyexec(["show", out.runId], { cwd, env: epics })
    expect(shown.stdout).toMatch(new RegExp(`writes \\(1\\):\\n\\s+${missing}\\s+\\? -> 1\\s+not-connected`))
    expect(fs.readFileSync(out.notebook, "utf8")).toContain(`| ${missing} | ? | 1 | not-connected |`)
  })

  it("where the channel limits ask for a readback: a quadrupole that has not reached its setpoint fails verification; given time, it is verified", async () => {
    const limits = path.join(cwd, "limits.yaml")
    const rule = (withinSeconds: number) =>
      `channels:\n  - pattern: "SR:Q*:CURRENT_SP"\n    min: 0\n    max: 200\n    verify: { readback: "SR:Q*:CURRENT_RB", tolerance: 0.05, withinSeconds: ${withinSeconds} }\n`
    const start = Number(await caget(QUAD_SP))
    // the power supply ramps at 20 A/s: 8 A away, the readback is off when read at once
    fs.writeFileSync(limits, rule(0))
    const early = await approvedRun("early", `import epics\nepics.caput("${QUAD_SP}", ${start + 8}, wait=True)\nresults = {}\n`, { PYEXEC_CHANNEL_LIMITS: limits })
    expect(early.out.status, early.stderr).toBe("failed")
    expect(early.out.result.writes[0]).toMatchObject({ channel: QUAD_SP, state: "verification-failed", readback: { channel: "SR:Q01:CURRENT_RB", tolerance: 0.05 } })
    fs.writeFileSync(limits, rule(5))
    const settled = await approvedRun("settled", `import epics\nepics.caput("${QUAD_SP}", ${start}, wait=True)\nresults = {}\n`, { PYEXEC_CHANNEL_LIMITS: limits })
    expect(settled.out.status, settled.stderr).toBe("succeeded")
    expect(settled.out.result.writes[0]).toMatchObject({ channel: QUAD_SP, state: "verified", value: start })
    expect(Math.abs(settled.out.result.writes[0].readback.value - start)).toBeLessThanOrEqual(0.05)
  })

  it("a write run's preview shows its 5 planned steps before approval and sends nothing; approved, the ledger matches the plan; a write outside the plan is refused", async () => {
    const [Q02, Q03] = ["SR:Q02:CURRENT_SP", "SR:Q03:CURRENT_SP"]
    const [startQ01, startQ02, startQ03] = (await Promise.all([QUAD_SP, Q02, Q03].map(caget))).map(Number) as [number, number, number]
    await caput(Q02, "10")
    // the write outside the plan sets Q03 to 42: from 42 already, "Q03 unchanged" below would prove nothing
    if (startQ03 === 42) await caput(Q03, "41")
    const beforeQ03 = Number(await caget(Q03))
    try {
      // a ramp of Q01 in 5 steps of 1 A from what it reads; when Q02 is above 50 A it also sets Q03 (a sixth write)
      const file = path.join(cwd, "ramp.py")
      fs.writeFileSync(
        file,
        `import epics\nfor _ in range(5):\n    epics.caput("${QUAD_SP}", epics.caget("${QUAD_SP}", use_monitor=False) + 1, wait=True)\nif epics.caget("${Q02}", use_monitor=False) > 50:\n    epics.caput("${Q03}", 42, wait=True)\nresults = {}\n`
      )
      const first = await pyexec(["exec", file, "--json"], { cwd, env: epics })
      const waiting = JSON.parse(first.stdout)
      expect(waiting.status, first.stderr).toBe("awaiting_approval")
      expect(waiting.preview.error).toBeUndefined()
      expect(waiting.preview.writes.map((w: { channel: string; before: number; value: number; state: string }) => [w.channel, w.before, w.value, w.state])).toEqual(
        [0, 1, 2, 3, 4].map((i) => [QUAD_SP, startQ01 + i, startQ01 + i + 1, "planned"])
      )
      expect(Number(await caget(QUAD_SP))).toBe(startQ01)
      const shown = await pyexec(["show", waiting.runId], { cwd, env: epics })
      expect(shown.stdout).toContain("planned writes (preview, 5):")

      const approved = JSON.parse((await pyexec(["approve", waiting.runId, "--json"], { cwd, env: epics })).stdout)
      expect(approved.status).toBe("succeeded")
      expect(approved.result.writes.map((w: { channel: string; value: number; state: string }) => [w.channel, w.value, w.state])).toEqual(
        waiting.preview.writes.map((w: { channel: string; value: number }) => [w.channel, w.value, "completed"])
      )
      expect(Number(await caget(QUAD_SP))).toBe(startQ01 + 5)

      // the same code previewed, then Q02 moves before the approval: at run time it writes Q03, which the plan does not hold
      await caput(QUAD_SP, String(startQ01))
      const again = JSON.parse((await pyexec(["exec", file, "--json"], { cwd, env: epics })).stdout)
      expect(again.preview.writes).toHaveLength(5)
      await caput(Q02, "60")
      const { code: status, stdout } = await pyexec(["approve", again.runId, "--json"], { cwd, env: epics })
      const refused = JSON.parse(stdout)
      expect(status).toBe(1)
      expect(refused.status).toBe("failed")
      expect(refused.outcome.reason).toBe("write-failed")
      expect(refused.result.writes.at(-1)).toMatchObject({ channel: Q03, state: "refused" })
      expect(refused.result.writes.at(-1).detail).toContain(`${Q03} is not among the channels the approved preview writes`)
      expect(Number(await caget(Q03))).toBe(beforeQ03)
    } finally {
      await caput(QUAD_SP, String(startQ01))
      await caput(Q02, String(startQ02))
      await caput(Q03, String(startQ03))
    }
  })

  it("the CLI shows a write run's preview output as it comes, marked as the preview's, before the run waits", async () => {
    const file = path.join(cwd, "announced.py")
    fs.writeFileSync(file, `import epics\nprint("ramping Q01 by 1 A")\nepics.caput("${QUAD_SP}", epics.caget("${QUAD_SP}", use_monitor=False) + 1, wait=True)\nresults = {}\n`)
    const start = await caget(QUAD_SP)
    const { code, stderr } = await pyexec(["exec", file], { cwd, env: epics })
    expect(code, stderr).toBe(2)
    expect(stderr).toMatch(/\[\d+\.\ds\] preview \| ramping Q01 by 1 A\n/)
    expect(stderr.indexOf("preview | ramping")).toBeLessThan(stderr.indexOf("awaiting approval"))
    expect(await caget(QUAD_SP)).toBe(start)
  })

  it("restore puts back every channel a 3-channel write changed, after its own preview and approval (read back independently)", async () => {
    const quads = ["SR:Q02:CURRENT_SP", "SR:Q03:CURRENT_SP", "SR:Q04:CURRENT_SP"]
    const before = (await Promise.all(quads.map(caget))).map(Number)
    try {
      const { out: changed } = await approvedRun("three", `import epics\n${quads.map((q, i) => `epics.caput("${q}", ${before[i]! + 7}, wait=True)`).join("\n")}\nresults = {}\n`)
      expect(changed.status).toBe("succeeded")
      expect((await Promise.all(quads.map(caget))).map(Number)).toEqual(before.map((b) => b + 7))

      const first = await pyexec(["restore", changed.runId, "--json"], { cwd, env: epics })
      const waiting = JSON.parse(first.stdout)
      expect(waiting.status, first.stderr).toBe("awaiting_approval")
      expect(waiting.preview.writes.map((w: { channel: string; value: number }) => [w.channel, w.value])).toEqual(quads.map((q, i) => [q, before[i]]))
      expect((await Promise.all(quads.map(caget))).map(Number)).toEqual(before.map((b) => b + 7))

      const restored = JSON.parse((await pyexec(["approve", waiting.runId, "--json"], { cwd, env: epics })).stdout)
      expect(restored.status).toBe("succeeded")
      expect((await Promise.all(quads.map(caget))).map(Number)).toEqual(before)
      const shown = JSON.parse((await pyexec(["show", waiting.runId, "--json"], { cwd, env: epics })).stdout)
      expect(shown.request.restores).toBe(changed.runId)

      // a run that wrote nothing has nothing to restore: one clear line, no run made
      const { out: readOnly } = await approvedRun("nothing", "results = {}\n")
      const nothing = await pyexec(["restore", readOnly.runId], { cwd, env: epics })
      expect(nothing.code).toBe(3)
      expect(nothing.stderr).toContain(`run ${readOnly.runId} has nothing to restore`)
    } finally {
      for (const [i, q] of quads.entries()) await caput(q, String(before[i]))
    }
  })
})

