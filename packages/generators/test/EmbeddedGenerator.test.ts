import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import type { CodeGenerator } from "@pyexec/core"
import { Effect } from "effect"
import { EmbeddedGenerator } from "../src/index.js"
import { hostUid } from "../src/embedded/sandbox.js"

const repoRoot = path.resolve(import.meta.dirname, "../../..")
/** The pinned model, fetched once if this machine has none yet (scripts/model, about 30 s). */
const modelPath = execFileSync(path.join(repoRoot, "scripts/model"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim()

const input: CodeGenerator.GenerationInput = {
  request: { query: "the sum of the numbers 1 to 10", requester: "op" },
  attempt: 1,
  feedback: []
}

/** A file of /proc, or nothing when its process has gone. */
const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8")
  } catch {
    return ""
  }
}

/** The processes below `pid`, itself included. */
const tree = (pid: number): ReadonlyArray<number> => {
  const children = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      const stat = read(`/proc/${d}/stat`)
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] === String(pid)
    })
    .map(Number)
  return [pid, ...children.flatMap(tree)]
}

describe("EmbeddedGenerator", () => {
  it.live("loads the model in a child with no network and no privileges, and streams a reply with code", () =>
    Effect.gen(function* () {
      const started = performance.now()
      const embedded = yield* EmbeddedGenerator.make({ modelPath, threads: 1, contextSize: 2048, settings: { temperature: 0, seed: 1, maxTokens: 96 } })
      const host = embedded.host()
      const loadSeconds = (performance.now() - started) / 1000

      // the host's own check: a TCP connection cannot even be tried
      expect(host.ready.network).toBe("none")
      const [hostPid] = tree(host.pid).filter((pid) => read(`/proc/${pid}/cmdline`).startsWith(`${process.execPath}\0`))
      expect(hostPid).toBeDefined()
      expect(fs.readlinkSync(`/proc/${hostPid}/ns/net`)).not.toBe(fs.readlinkSync("/proc/self/ns/net"))
      if (process.getuid?.() === 0) {
        expect(host.isolation).toEqual({ kind: "user-and-network", uid: hostUid })
        const uids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(read(`/proc/${hostPid}/status`))!.slice(1)
        expect(uids).toEqual(Array(4).fill(String(hostUid)))
        expect(/^CapEff:\s+0+$/m.test(read(`/proc/${hostPid}/status`))).toBe(true)
      }

      const pieces: Array<string> = []
      const generating = performance.now()
      const generated = yield* embedded.generator.generate({ ...input, onToken: (t) => pieces.push(t) })
      const seconds = (performance.now() - generating) / 1000
      expect(generated.model).toBe("qwen2.5-coder-1.5b-instruct-q4_k_m")
      expect(generated.code).toContain("results")
      expect(pieces.length).toBeGreaterThan(5)
      console.log(`embedded model: loaded in ${loadSeconds.toFixed(1)} s; ${pieces.length} pieces in ${seconds.toFixed(1)} s (${(pieces.length / seconds).toFixed(1)}/s)`)
    }).pipe(Effect.scoped), 120_000)

  it.live("a missing model file is one line saying how to get one", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(EmbeddedGenerator.make({ modelPath: "/nonexistent/model.gguf", threads: 1, contextSize: 2048, settings: {} }))
      expect(error.reason).toBe("model-not-found")
      expect(error.message).toContain("scripts/model")
    }).pipe(Effect.scoped))
})
