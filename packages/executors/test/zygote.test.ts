import { execFileSync, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
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

  it("keeps each reply one whole line when a run ends while a long reply is half written", async () => {
    // run 1 writes a lot while its reader is not reading, so the zygote blocks half-way through a reply; run 2
    // ends then, and its SIGCHLD cuts that write short. A short write left as it was split one JSON line in two.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-zygote-"))
    const runs = { 1: "import sys\nsys.stdout.write('x' * 3_000_000)\n", 2: "import time\ntime.sleep(0.3)\n" }
    for (const [id, code] of Object.entries(runs)) {
      fs.mkdirSync(path.join(dir, id))
      fs.writeFileSync(path.join(dir, id, "code.py"), code)
      fs.writeFileSync(path.join(dir, id, "job.json"), JSON.stringify({ code_sha256: createHash("sha256").update(code).digest("hex") }))
    }
    const child = spawn("python3", [zygote], { stdio: ["pipe", "pipe", "inherit"] })
    try {
      child.stdout.pause()
      for (const id of Object.keys(runs)) child.stdin.write(`${JSON.stringify({ id: Number(id), workdir: path.join(dir, id), env: { PATH: process.env.PATH } })}\n`)
      await new Promise((r) => setTimeout(r, 1_500))
      let replies = ""
      child.stdout.on("data", (data: Buffer) => (replies += data.toString())).resume()
      expect(await waitUntil(() => replies.split("\n").filter((l) => l.includes('"exit"')).length === 2, 10_000)).toBe(true)
      const lines = replies.split("\n").filter(Boolean)
      const broken = lines.filter((line) => {
        try {
          JSON.parse(line)
          return false
        } catch {
          return true
        }
      })
      expect(broken).toEqual([])
      const out = lines.map((l) => JSON.parse(l) as { id: number; out?: string }).filter((r) => r.id === 1 && r.out)
      expect(out.reduce((n, r) => n + Buffer.from(r.out!, "base64").length, 0)).toBe(3_000_000)
    } finally {
      child.stdin.end()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
