import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { isRunning as alive } from "@pyexec/testing"
import { pyexec, spawnCli, tempDir } from "./support/cli.js"

describe("limits", () => {
  it("kills a script that sleeps past the timeout, with its process group, and reports a timeout", async () => {
    const cwd = tempDir("timeout")
    const pidFile = path.join(cwd, "child.pid")
    fs.writeFileSync(
      path.join(cwd, "slow.py"),
      `import subprocess, time\nchild = subprocess.Popen(["sleep", "600"])\nopen(${JSON.stringify(pidFile)}, "w").write(str(child.pid))\ntime.sleep(600)\nresults = {}\n`
    )
    const started = Date.now()
    const { code, stdout } = await pyexec(["exec", "slow.py", "--approve", "--json"], { cwd, env: { PYEXEC_TIMEOUT_SECONDS: "2" } })
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(code).toBe(1)
    const out = JSON.parse(stdout)
    expect(out.status).toBe("failed")
    expect(out.outcome.reason).toBe("timeout")
    expect(out.result.error.type).toBe("Timeout")
    const pid = Number(fs.readFileSync(pidFile, "utf8"))
    await new Promise((r) => setTimeout(r, 200))
    expect(alive(pid)).toBe(false)
  })

  it("returns the results promptly when the script leaves a non-daemon thread running", async () => {
    const cwd = tempDir("thread")
    fs.writeFileSync(
      path.join(cwd, "thread.py"),
      "import threading, time\nthreading.Thread(target=time.sleep, args=(600,)).start()\nresults = {'done': True}\n"
    )
    const started = Date.now()
    const { code, stdout } = await pyexec(["exec", "thread.py", "--json"], { cwd, env: { PYEXEC_TIMEOUT_SECONDS: "60" } })
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ status: "succeeded", result: { results: { done: true } } })
    expect(Date.now() - started).toBeLessThan(20_000)
  })
})

describe("interruption", () => {
  it("Ctrl-C while the code runs kills the code and leaves the run interrupted, not executing", async () => {
    const cwd = tempDir("interrupt")
    const marker = path.join(cwd, "started")
    fs.writeFileSync(path.join(cwd, "long.py"), `import os, time\nopen(${JSON.stringify(marker)}, "w").write(str(os.getpid()))\ntime.sleep(600)\nresults = {}\n`)
    const child = spawnCli(["exec", "long.py", "--approve", "--json"], cwd)
    for (let i = 0; i < 200 && !fs.existsSync(marker); i++) await new Promise((r) => setTimeout(r, 100))
    expect(fs.existsSync(marker)).toBe(true)
    child.kill("SIGINT")
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(130)
    const [run] = JSON.parse((await pyexec(["runs", "--json"], { cwd })).stdout)
    expect(run.status).toBe("interrupted")
    expect(alive(Number(fs.readFileSync(marker, "utf8")))).toBe(false)
  })
})
