import { execFileSync, spawn } from "node:child_process"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { isProcessAlive } from "@pyexec/core"
import { runnerPath } from "../src/Runner.js"

const zygote = path.join(path.dirname(runnerPath), "pyexec_zygote.py")

/**
 * A parent that starts the zygote and hands the write end of the zygote's stdin to a sleeping process as well,
 * so that the parent's death alone does not close it (the holder in a session of its own: no signal to the
 * parent's group reaches it). Prints the zygote's pid and the holder's, then waits to be killed.
 */
const parent = `
import os, subprocess, sys, time
r, w = os.pipe()
z = subprocess.Popen([sys.executable, ${JSON.stringify(zygote)}], stdin=r, stdout=subprocess.DEVNULL, env={**os.environ, "PYEXEC_PARENT_PID": str(os.getpid())})
holder = subprocess.Popen(["sleep", "30"], pass_fds=[w], start_new_session=True)
print(z.pid, holder.pid, flush=True)
time.sleep(30)
`

const waitUntil = async (done: () => boolean, ms: number) => {
  const deadline = Date.now() + ms
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
  return done()
}

describe("the warm Python (pyexec_zygote.py)", () => {
  it("ends when its parent is killed outright, even while its stdin is still open elsewhere", async () => {
    const child = spawn("python3", ["-c", parent], { stdio: ["ignore", "pipe", "inherit"] })
    const [zygotePid, holderPid] = await new Promise<Array<number>>((resolve) =>
      child.stdout.once("data", (line: Buffer) => resolve(line.toString().trim().split(" ").map(Number)))
    )
    try {
      expect(await waitUntil(() => execFileSync("ps", ["-o", "args=", "-p", String(zygotePid)], { encoding: "utf8" }).includes("pyexec_zygote"), 10_000)).toBe(true)
      child.kill("SIGKILL")
      expect(await waitUntil(() => !isProcessAlive(zygotePid!), 5_000)).toBe(true)
      expect(isProcessAlive(holderPid!)).toBe(true)
    } finally {
      for (const pid of [zygotePid!, holderPid!]) if (isProcessAlive(pid)) process.kill(pid, "SIGKILL")
    }
  })
})
