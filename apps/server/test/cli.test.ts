import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { PostgresDatabase, SoftIoc } from "@pyexec/testing"
import { errorLines, markerFile, pyexec, repoRoot, sharedMarkers, tempDir, timesRun } from "./support/cli.js"

const example = path.join(repoRoot, "examples/beam_current.py")

const validateNotebook = (file: string) =>
  execFileSync("python3", ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", file])

describe("pyexec exec", () => {
  it("runs the example: results, one PNG figure, a valid notebook with the figure embedded", async () => {
    const cwd = tempDir("example")
    const { code, stdout } = await pyexec(["exec", example, "--json"], { cwd })
    expect(code).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.status).toBe("succeeded")
    expect(out.attempts).toBe(1)
    expect(out.result.results.samples).toBe(3600)
    expect(out.result.results.lifetime_h).toBeGreaterThan(9)
    expect(out.result.figures).toHaveLength(1)
    expect(fs.readFileSync(out.result.figures[0]).subarray(1, 4).toString()).toBe("PNG")
    expect(out.notebook).toBe(path.join(cwd, ".pyexec/runs", out.runId, "notebook.ipynb"))
    validateNotebook(out.notebook)
    const notebook = JSON.parse(fs.readFileSync(out.notebook, "utf8"))
    const outputs = notebook.cells.flatMap((c: { outputs?: Array<{ data?: Record<string, unknown> }> }) => c.outputs ?? [])
    expect(outputs.some((o: { data?: Record<string, unknown> }) => typeof o.data?.["image/png"] === "string")).toBe(true)
    const shown = outputs.find((o: { output_type?: string }) => o.output_type === "execute_result") as { data: Record<string, Array<string>> }
    expect(shown.data["text/plain"]!.join("")).toMatch(/^samples: 3600$/m)
    validateNotebook(path.join(cwd, ".pyexec/runs", out.runId, "attempt-1.ipynb"))
  })
})

/** The approval acceptance, once on the embedded database and once on the Postgres server. */
const stores: ReadonlyArray<readonly [string, () => Promise<{ env: Record<string, string>; done: () => Promise<void> }>]> = [
  ["embedded PGlite", async () => ({ env: {}, done: async () => {} })],
  [
    "Postgres (PYEXEC_DATABASE_URL)",
    async () => {
      const db = await PostgresDatabase.create()
      return { env: { PYEXEC_DATABASE_URL: db.url }, done: db.drop }
    }
  ]
]

for (const [name, setup] of stores) {
  describe(`approvals on ${name}`, () => {
    let ioc: SoftIoc.SoftIoc
    let store: { env: Record<string, string>; done: () => Promise<void> }
    let cwd: string
    let env: Record<string, string>
    beforeAll(async () => {
      ioc = await SoftIoc.start()
      store = await setup()
      cwd = tempDir("approve")
      env = { ...ioc.env, ...store.env, ...sharedMarkers().env }
    })
    afterAll(async () => {
      await ioc?.stop()
      await store?.done()
    })

    const writeScript = (file: string, value: number) => {
      const counter = markerFile(`${file}.count`)
      fs.writeFileSync(
        path.join(cwd, file),
        `from epics import caput\nopen(${JSON.stringify(counter)}, "a").write("ran\\n")\nok = caput("${ioc.prefix}B", ${value}, wait=True, timeout=5)\nresults = {"ok": ok}\n`
      )
      return () => timesRun(counter)
    }

    it("stops a caput at awaiting_approval; approve in a new process runs it once; a second approve changes nothing", async () => {
      const runs = writeScript("set_b.py", 7.5)
      const first = await pyexec(["exec", "set_b.py", "--json"], { cwd, env })
      const waiting = JSON.parse(first.stdout)
      expect(first.code).toBe(2)
      expect(waiting.status).toBe("awaiting_approval")
      // the counter file is written outside the run's folder, so PY004 is there too
      expect(waiting.findings.map((f: { rule: string }) => f.rule)).toContain("EPICS001")
      expect(runs()).toBe(0)
      expect(await ioc.get(`${ioc.prefix}B`)).toBe("2.0")
      const shown = await pyexec(["show", waiting.runId], { cwd, env })
      expect(shown.stdout).toMatch(/ 3 \| ok = caput\(.*\n\s+\^ EPICS001 `caput\(/)

      const approved = await pyexec(["approve", waiting.runId, "--json"], { cwd, env })
      expect(approved.code).toBe(0)
      expect(JSON.parse(approved.stdout)).toMatchObject({ runId: waiting.runId, status: "succeeded", result: { results: { ok: 1 } } })
      expect(runs()).toBe(1)
      expect(await ioc.get(`${ioc.prefix}B`)).toBe("7.5")

      const again = await pyexec(["approve", waiting.runId], { cwd, env })
      expect(again.code).not.toBe(0)
      expect(errorLines(again.stderr)).toEqual([
        expect.stringMatching(new RegExp(`^pyexec: run ${waiting.runId} was already approved by tester at .*; it is succeeded and will not run again$`))
      ])
      expect(runs()).toBe(1)
    })

    it("reject ends the run and it never runs", async () => {
      const runs = writeScript("set_b_again.py", 99)
      const first = JSON.parse((await pyexec(["exec", "set_b_again.py", "--json"], { cwd, env })).stdout)
      const rejected = await pyexec(["reject", first.runId, "--reason", "wrong magnet"], { cwd, env })
      expect(rejected.code).toBe(0)
      expect(rejected.stdout).toContain("wrong magnet")
      const approveAfter = await pyexec(["approve", first.runId], { cwd, env })
      expect(approveAfter.code).not.toBe(0)
      expect(errorLines(approveAfter.stderr).join("\n")).toContain("already rejected by tester")
      const shown = JSON.parse((await pyexec(["show", first.runId, "--json"], { cwd, env })).stdout)
      expect(shown.status).toBe("rejected")
      expect(shown.outcome.message).toBe("rejected by tester: wrong magnet")
      expect(runs()).toBe(0)
      expect(await ioc.get(`${ioc.prefix}B`)).not.toBe("99.0")
    })

    it("an approved write that breaks the channel limits fails for good: not run again, the PV unchanged", async () => {
      const limits = path.join(cwd, "limits.yaml")
      fs.writeFileSync(limits, `channels:\n  - pattern: "${ioc.prefix}*"\n    min: 0\n    max: 100\n`)
      fs.writeFileSync(path.join(cwd, "too_far.py"), `from epics import caput\ncaput("${ioc.prefix}B", 500, wait=True)\nresults = {}\n`)
      const before = await ioc.get(`${ioc.prefix}B`)
      const result = await pyexec(["exec", "too_far.py", "--approve", "--json"], { cwd, env: { ...env, PYEXEC_CHANNEL_LIMITS: limits } })
      expect(result.code).toBe(1)
      const out = JSON.parse(result.stdout)
      expect(out).toMatchObject({ status: "failed", attempts: 1, outcome: { reason: "channel-limit" }, result: { error: { type: "ChannelLimitViolation" } } })
      expect(out.outcome.message).toContain("is above its maximum 100")
      expect(await ioc.get(`${ioc.prefix}B`)).toBe(before)
    })

    it("--approve lets the person at the terminal approve the file's exact code up front", async () => {
      const runs = writeScript("set_b_now.py", 3.25)
      const result = await pyexec(["exec", "set_b_now.py", "--approve", "--json"], { cwd, env })
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout).status).toBe("succeeded")
      expect(runs()).toBe(1)
      expect(await ioc.get(`${ioc.prefix}B`)).toBe("3.25")
    })
  })
}
