import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { sha256 } from "@pyexec/core"
import { isRunning as alive } from "@pyexec/testing"
import { Effect } from "effect"
import { LocalExecutor } from "../src/index.js"

const executor = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 20 })
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-local-"))
let n = 0

const run = (code: string, timeoutMs = 30_000) =>
  executor.execute({ runId: "test", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++n}`), profile: "read-only", timeoutMs })

describe("LocalExecutor", () => {
  it.live("returns results, stdout, stderr and figures", () =>
    Effect.gen(function* () {
      const result = yield* run(`
import sys, datetime
import numpy as np
import matplotlib.pyplot as plt
print("hello")
print("warn", file=sys.stderr)
plt.plot([1, 2, 3])
results = {"mean": np.float64(2.5), "arr": np.arange(3), "when": datetime.date(2026, 1, 2), "nan": float("nan")}
`)
      expect(result.error).toBeNull()
      expect(result.exitCode).toBe(0)
      expect(result.stdout).toBe("hello\n")
      expect(result.stderr).toBe("warn\n")
      expect(result.results).toEqual({ mean: 2.5, arr: [0, 1, 2], when: "2026-01-02", nan: null })
      expect(result.figures).toHaveLength(1)
      const png = fs.readFileSync(result.figures[0]!)
      expect(png.subarray(1, 4).toString()).toBe("PNG")
    }))

  it.live("serialises pandas frames and series", () =>
    Effect.gen(function* () {
      const result = yield* run(`
import pandas as pd
df = pd.DataFrame({"t": pd.to_datetime(["2026-01-01", "2026-01-02"]), "i": [1.5, None]})
results = {"df": df, "s": pd.Series([1, 2], index=["a", "b"])}
`)
      expect(result.error).toBeNull()
      expect(result.results).toEqual({
        df: [
          { t: "2026-01-01T00:00:00", i: 1.5 },
          { t: "2026-01-02T00:00:00", i: null }
        ],
        s: { a: 1, b: 2 }
      })
    }))

  it.live("records an exception with a traceback that points at the code's line", () =>
    Effect.gen(function* () {
      const result = yield* run("x = 1\n\ndef f():\n    return 1 / 0\n\nf()\n")
      expect(result.exitCode).toBe(1)
      expect(result.error?.type).toBe("ZeroDivisionError")
      expect(result.error?.line).toBe(4)
      expect(result.error?.traceback).toContain('code.py", line 4, in f')
      expect(result.error?.traceback).not.toContain("pyexec_runner")
    }))

  it.live("says when the code sets no results", () =>
    Effect.gen(function* () {
      const result = yield* run("x = 1\n")
      expect(result.error).toBeNull()
      expect(result.resultsPresent).toBe(false)
    }))

  it.live("kills the code and everything it started on timeout", () =>
    Effect.gen(function* () {
      const result = yield* run(
        `
import subprocess, time, os
child = subprocess.Popen(["sleep", "300"])
open("child.pid", "w").write(str(child.pid))
time.sleep(300)
`,
        1500
      )
      expect(result.timedOut).toBe(true)
      expect(result.error?.type).toBe("Timeout")
      expect(result.durationMs).toBeLessThan(10_000)
      const pid = Number(fs.readFileSync(path.join(tmp, `job-${n}`, "child.pid"), "utf8"))
      yield* Effect.sleep("100 millis")
      expect(alive(pid)).toBe(false)
    }))

  it.live("returns promptly when the code leaves a thread and an exit hook behind", () =>
    Effect.gen(function* () {
      const started = Date.now()
      const result = yield* run(
        `
import threading, time, atexit
atexit.register(lambda: time.sleep(300))
threading.Thread(target=time.sleep, args=(300,)).start()
results = {"ok": True}
`,
        60_000
      )
      expect(result.timedOut).toBe(false)
      expect(result.results).toEqual({ ok: true })
      expect(Date.now() - started).toBeLessThan(10_000)
    }))

  it.live("ends a huge allocation as a clear MemoryError, within the memory limit", () =>
    Effect.gen(function* () {
      const limited = LocalExecutor.make({ python: "python3", maxOutputBytes: 1024, maxFigures: 1, maxMemoryBytes: 512 << 20 })
      const result = yield* limited.execute({
        runId: "mem",
        attempt: 1,
        code: "import numpy\nblock = bytearray(8 << 30)\nresults = {}\n",
        codeSha256: sha256("import numpy\nblock = bytearray(8 << 30)\nresults = {}\n"),
        workDir: path.join(tmp, "memory"),
        profile: "read-only",
        timeoutMs: 30_000
      })
      expect(result.error?.type).toBe("MemoryError")
      expect(result.error?.message).toBe("the code needed more than its memory limit of 512 MiB (PYEXEC_MAX_MEMORY_MB)")
      expect(result.error?.line).toBe(2)
    }))

  it.live("caps output and says so", () =>
    Effect.gen(function* () {
      const result = yield* run('print("x" * 200_000)\nprint("the end")\nresults = {}\n')
      expect(result.stdoutTruncated).toBe(true)
      expect(result.stdout).toContain(`[pyexec: ${200_001 + 8 - 65536} bytes of output cut here (limit 65536 bytes)]`)
      expect(result.stdout.endsWith("x\nthe end\n")).toBe(true)
      expect(result.stdout.length).toBeLessThan(70_000)
    }))

  it.live("reports a missing interpreter as an infrastructure error that never ran the code", () =>
    Effect.gen(function* () {
      const broken = LocalExecutor.make({ python: "/nonexistent/python3", maxOutputBytes: 1024, maxFigures: 1 })
      const error = yield* Effect.flip(
        broken.execute({ runId: "t", attempt: 1, code: "results = {}", codeSha256: sha256("results = {}"), workDir: path.join(tmp, "broken"), profile: "read-only", timeoutMs: 5000 })
      )
      expect(error._tag).toBe("ExecutorUnavailable")
      expect(error.codeMayHaveRun).toBe(false)
      expect(error.message).toContain("PYEXEC_PYTHON")
    }))

  /** Runs the runner by itself on `code`, with a job.json naming `named` as the code's SHA-256; its manifest. */
  const runRaw = (code: string, named: string | undefined) => {
    const dir = fs.mkdtempSync(path.join(tmp, "raw-"))
    fs.writeFileSync(path.join(dir, "code.py"), code)
    fs.writeFileSync(path.join(dir, "job.json"), JSON.stringify(named === undefined ? {} : { code_sha256: named }))
    // (it exits with 1 when the manifest holds an error)
    spawnSync("python3", ["-I", "-S", "packages/executors/runner/pyexec_runner.py", dir], { cwd: path.resolve(__dirname, "../../..") })
    return JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"))
  }

  it("the runner runs on its own, with the standard library only", () => {
    const code = "results = {'a': [1, 2]}\n"
    expect(runRaw(code, sha256(code)).results).toEqual({ a: [1, 2] })
  })

  it("the runner runs only the code whose SHA-256 the job names: code swapped after approval, or a job naming none, runs nothing", () => {
    const marker = path.join(tmp, `swapped-${process.pid}`)
    const swapped = runRaw(`open(${JSON.stringify(marker)}, "w").write("ran")\nresults = {}\n`, sha256("results = {}\n"))
    expect(swapped.error).toMatchObject({ type: "CodeNotApproved" })
    expect(swapped.error.message).toContain(sha256("results = {}\n"))
    expect(swapped.results_present).toBe(false)
    expect(fs.existsSync(marker)).toBe(false)
    expect(runRaw(`open(${JSON.stringify(marker)}, "w").write("ran")\nresults = {}\n`, undefined).error).toMatchObject({ type: "CodeNotApproved" })
    expect(fs.existsSync(marker)).toBe(false)
    // the bytes as written count: a Windows line end is other code
    expect(runRaw("results = {}\r\n", sha256("results = {}\n")).error).toMatchObject({ type: "CodeNotApproved" })
    // the control: the same code, named by its own SHA-256, runs and leaves the marker
    const own = `open(${JSON.stringify(marker)}, "w").write("ran")\nresults = {}\n`
    expect(runRaw(own, sha256(own)).error).toBeNull()
    expect(fs.readFileSync(marker, "utf8")).toBe("ran")
    fs.rmSync(marker)
  })
})

describe("LocalExecutor bounds", () => {
  const bounded = LocalExecutor.make({ python: "python3", maxOutputBytes: 64 * 1024, maxFigures: 1, maxProcesses: 64 })

  it.live("scales a huge figure down to 4000 pixels a side", () =>
    Effect.gen(function* () {
      const result = yield* run("import matplotlib.pyplot as plt\nplt.figure(figsize=(400, 10))\nplt.plot([1, 2])\nresults = {}\n")
      expect(result.error).toBeNull()
      const png = fs.readFileSync(result.figures[0]!)
      expect(png.readUInt32BE(16)).toBeLessThanOrEqual(4000)
      expect(png.readUInt32BE(20)).toBeLessThanOrEqual(4000)
    }))

  it.live("contains a fork bomb: the run ends with an error and nothing it started is left", () =>
    Effect.gen(function* () {
      const result = yield* bounded.execute({
        runId: "fork-bomb",
        attempt: 1,
        code: "import os\nwhile True:\n    os.fork()\n",
        codeSha256: sha256("import os\nwhile True:\n    os.fork()\n"),
        workDir: path.join(tmp, `job-${++n}`),
        profile: "read-only",
        timeoutMs: 20_000
      })
      expect(result.timedOut).toBe(false)
      expect(`${result.error?.type}: ${result.error?.message}`).toMatch(/BlockingIOError|Resource temporarily unavailable/)
      const after = yield* run("results = {'alive': True}")
      expect(after.results).toEqual({ alive: true })
    }))

  it.live("gives the code its execution profile's environment", () =>
    Effect.gen(function* () {
      const withProfiles = LocalExecutor.make({
        python: "python3",
        maxOutputBytes: 64 * 1024,
        maxFigures: 1,
        profiles: { "read-only": { env: { EPICS_CA_ADDR_LIST: "ro-gateway" } }, write: { env: { EPICS_CA_ADDR_LIST: "rw-gateway" } } }
      })
      const code = "import os\nresults = {'gateway': os.environ['EPICS_CA_ADDR_LIST']}\n"
      for (const [profile, gateway] of [["read-only", "ro-gateway"], ["write", "rw-gateway"]] as const) {
        const result = yield* withProfiles.execute({ runId: "profiles", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++n}`), profile, timeoutMs: 20_000 })
        expect(result.results).toEqual({ gateway })
      }
    }))
})
