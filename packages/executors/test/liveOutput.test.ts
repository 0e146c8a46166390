import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type RunOutput, sha256 } from "@pyexec/core"
import { Effect } from "effect"
import { splitAt } from "../src/internal/framing.js"
import { LocalExecutor, Profiles, RunLimits, SshExecutor } from "../src/index.js"
import * as Container from "./support/container.js"
import { type Started, startScoped } from "./support/scoped.js"
import { startHostGateway, testHost } from "./support/ssh.js"

const maxOutputBytes = 64 * 1024

const executors: Record<string, () => Promise<Started>> = {
  local: async () => ({ executor: LocalExecutor.make({ ...RunLimits.defaults, maxOutputBytes, python: "python3" }), close: async () => {} }),
  "local, warm": async () => {
    const warm = LocalExecutor.unsandboxedWarm("python3", ["numpy"])
    return { executor: LocalExecutor.make({ ...RunLimits.defaults, maxOutputBytes, python: "python3" }, { warm: { "read-only": warm, write: warm } }), close: async () => warm.close() }
  },
  "local, sandboxed": () => startScoped(LocalExecutor.scoped({ ...RunLimits.defaults, maxOutputBytes, python: "python3", preload: ["numpy"] })),
  container: () => Container.start({ maxOutputBytes, poolSize: 1 }),
  ssh: () => startScoped(SshExecutor.make({ ...RunLimits.defaults, maxOutputBytes, hosts: [testHost()], profiles: Profiles.none })),
  "ssh, sandboxed": async () => {
    const gateway = await startHostGateway({})
    const sandbox = { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: gateway.name }
    const started = await startScoped(SshExecutor.make({ ...RunLimits.defaults, maxOutputBytes, hosts: [testHost({ sandbox })], profiles: Profiles.none }))
    return {
      executor: started.executor,
      close: async () => {
        await started.close()
        await gateway.stop()
      }
    }
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-live-"))
let n = 0

// print() without flush: the runner makes stdout line-buffered, as on a terminal
const code = `
import sys, time
print("first line")
print("a warning", file=sys.stderr)
time.sleep(2)
print("second line")
print("é" * 3000)
results = {"done": True}
`

interface Heard {
  readonly chunk: RunOutput.Chunk
  readonly at: number
}

for (const [kind, startExecutor] of Object.entries(executors)) {
  describe(`live output: ${kind} executor`, () => {
    let started: Started | undefined
    beforeAll(async () => {
      started = await startExecutor()
    }, 120_000)
    afterAll(() => started?.close())

    it.live(
      "hands each line to the hook while the code runs, and only the code's own output",
      () =>
        Effect.gen(function* () {
          const heard: Array<Heard> = []
          const result = yield* started!.executor.execute({
            runId: "live-test",
            attempt: 1,
            code,
            codeSha256: sha256(code),
            workDir: path.join(tmp, `${kind.replace(/\W+/g, "-")}-${++n}`),
            profile: "read-only",
            timeoutMs: 60_000,
            onOutput: (chunk) => heard.push({ chunk, at: performance.now() })
          })
          const ended = performance.now()
          expect(result.error).toBeNull()
          const text = (stream: RunOutput.Stream) =>
            heard
              .filter((h) => h.chunk.stream === stream)
              .map((h) => h.chunk.text)
              .join("")
          // what the hook heard is what the result captured: no marker, no tar, no announce line
          expect(text("stdout")).toBe(result.stdout)
          expect(text("stderr")).toBe(result.stderr)
          expect(result.stdout).toBe(`first line\nsecond line\n${"é".repeat(3000)}\n`)
          // the first line and the warning came before the sleep ended, so well before the run did
          const first = heard.find((h) => h.chunk.stream === "stdout" && h.chunk.text.includes("first line"))!
          const warning = heard.find((h) => h.chunk.stream === "stderr" && h.chunk.text.includes("a warning"))!
          expect(first.chunk.text).not.toContain("second line")
          expect(ended - first.at).toBeGreaterThan(1500)
          expect(ended - warning.at).toBeGreaterThan(1500)
          // nothing after the end
          const count = heard.length
          yield* Effect.sleep("200 millis")
          expect(heard.length).toBe(count)
        }),
      90_000
    )
  })
}

describe("splitAt", () => {
  const marker = Buffer.from("\nMARK-1234\n")
  const split = (chunks: ReadonlyArray<string>) => {
    const before: Array<string> = []
    const after: Array<string> = []
    const early: Array<string> = []
    const s = splitAt(
      marker,
      (c) => before.push(c.toString()),
      (c) => after.push(c.toString()),
      (c) => early.push(c.toString())
    )
    const seen: Array<string> = []
    for (const c of chunks) {
      s.push(Buffer.from(c))
      seen.push(early.join(""))
    }
    s.end()
    return { before: before.join(""), after: after.join(""), early: early.join(""), seen }
  }

  it("tells a complete line at once, and neither the marker nor what follows it", () => {
    const r = split(["warn\n", "more\n", "\nMARK-1234\ntar bytes"])
    expect(r.seen[0]).toBe("warn\n")
    expect(r.seen[1]).toBe("warn\nmore\n")
    expect(r.before).toBe("warn\nmore\n")
    expect(r.early).toBe("warn\nmore\n")
    expect(r.after).toBe("tar bytes")
  })

  it("finds a marker cut across chunks", () => {
    const r = split(["x\nMA", "RK-12", "34\nrest"])
    expect(r.before).toBe("x")
    expect(r.after).toBe("rest")
    expect(r.early).toBe("x")
  })

  it("tells a lone line end early; if the marker follows, that was one line end more", () => {
    const r = split(["no newline at the end", "\n", "MARK-1234\n"])
    expect(r.seen[1]).toBe("no newline at the end\n")
    expect(r.before).toBe("no newline at the end")
    expect(r.early).toBe("no newline at the end\n")
  })

  it("gives back a held tail that was not the marker", () => {
    const r = split(["a\nMA", "ybe not\n"])
    expect(r.before).toBe("a\nMAybe not\n")
    expect(r.early).toBe("a\nMAybe not\n")
    expect(r.after).toBe("")
  })
})
