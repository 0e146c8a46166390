import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { markerFile, pyexec, sharedMarkers, spawnCli, tempDir } from "./support/cli.js"

/** Code that starts a child appending a dot to `beat` every 0.1 s: a sandboxed run's pids are not this host's. */
const beating = (beat: string) =>
  `import subprocess, sys\nsubprocess.Popen([sys.executable, "-c", "import time\\nwhile True:\\n    open(${JSON.stringify(beat).replace(/"/g, "'")}, 'a').write('.')\\n    time.sleep(0.1)"])\n`

/** The beat has started, and stopped: no process of the run is left. */
const expectStopped = async (beat: string) => {
  const size = () => (fs.existsSync(beat) ? fs.statSync(beat).size : 0)
  const before = size()
  await new Promise((r) => setTimeout(r, 600))
  expect(before).toBeGreaterThan(0)
  expect(size()).toBe(before)
}

describe("limits", () => {
  it("kills a script that sleeps past the timeout, with all it started, and reports a timeout", async () => {
    const cwd = tempDir("timeout")
    const beat = markerFile("timeout.beat")
    fs.writeFileSync(path.join(cwd, "slow.py"), `${beating(beat)}import time\ntime.sleep(600)\nresults = {}\n`)
    const started = Date.now()
    const { code, stdout } = await pyexec(["exec", "slow.py", "--approve", "--json"], { cwd, env: { PYEXEC_TIMEOUT_SECONDS: "2", ...sharedMarkers().env } })
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(code).toBe(1)
    const out = JSON.parse(stdout)
    expect(out.status).toBe("failed")
    expect(out.outcome.reason).toBe("timeout")
    expect(out.result.error.type).toBe("Timeout")
    await expectStopped(beat)
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
    const beat = markerFile("interrupt.beat")
    fs.writeFileSync(path.join(cwd, "long.py"), `${beating(beat)}import time\ntime.sleep(600)\nresults = {}\n`)
    const child = spawnCli(["exec", "long.py", "--approve", "--json"], cwd, sharedMarkers().env)
    for (let i = 0; i < 200 && !fs.existsSync(beat); i++) await new Promise((r) => setTimeout(r, 100))
    expect(fs.existsSync(beat)).toBe(true)
    child.kill("SIGINT")
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(130)
    const [run] = JSON.parse((await pyexec(["runs", "--json"], { cwd })).stdout)
    expect(run.status).toBe("interrupted")
    await expectStopped(beat)
  })
})
