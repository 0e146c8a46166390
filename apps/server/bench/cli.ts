/**
 * The `pyexec` command's speed (issue 17), each figure next to a baseline measured in the same run, p50 of N:
 *   1. `pyexec --version` against `node -e 0` (goal: within 2x);
 *   2. `pyexec runs` on an embedded database holding 1,000 runs, opened by the command itself and through the
 *      `pyexec serve` on the same home (goal: under 0.5 s and within 4x of `node -e 0`);
 *   3. a trivial run submitted through the API and followed over its event stream to its end, against the
 *      local executor's own time for the same code (goal: within 3x).
 * It runs the bundle the set-up builds (pnpm build:cli). Usage: pnpm bench:cli [N=10]
 */
import { execFileSync } from "node:child_process"
import { randomUUID } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { Executor, Ids, type Run, RunStore, sha256 } from "@pyexec/core"
import { ExecutorConfig } from "@pyexec/executors"
import { PgliteStore } from "@pyexec/store"
import { Effect } from "effect"
import { repoRoot, tempDir } from "../test/support/cli.js"
import { readEvents } from "../test/support/httpCalls.js"
import { startServer } from "../test/support/server.js"

const n = Number(process.argv[2] ?? 10)
const bin = path.join(repoRoot, "apps/server/dist/cli/pyexec.mjs")
const trivial = 'results = {"x": 1}\n'

const p50 = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!
const ms = (x: number) => `${x.toFixed(0)} ms`

/** p50 wall time of `n` calls, after one untimed warm-up call. */
const timeIt = async (f: () => unknown | Promise<unknown>) => {
  await f()
  const samples: Array<number> = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await f()
    samples.push(performance.now() - t)
  }
  return p50(samples)
}

/**
 * p50 wall times of a command and of its baseline, their calls taking turns, so that both see the same machine
 * (on 2 shared cores, a few seconds apart can differ by a third).
 */
const compare = async (baseline: () => unknown, subject: () => unknown) => {
  baseline()
  subject()
  const times = { baseline: [] as Array<number>, subject: [] as Array<number> }
  for (let i = 0; i < n; i++) {
    for (const [key, f] of [["baseline", baseline], ["subject", subject]] as const) {
      const t = performance.now()
      f()
      times[key].push(performance.now() - t)
    }
  }
  const [base, subj] = [p50(times.baseline), p50(times.subject)]
  return { base, subj, ratio: `${(subj / base).toFixed(2)}x` }
}

/** Waits until a process is idle (under 5 ms of CPU in half a second): a server still warming up its executor would slow what is measured. */
const settled = async (pid: number) => {
  const cpu = () => fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13).reduce((n, t) => n + Number(t), 0) * 10
  for (let last = cpu(), i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500))
    const now = cpu()
    if (now - last < 5) return
    last = now
  }
}

const run = (file: string, args: ReadonlyArray<string>, env: Record<string, string> = {}) => () => {
  execFileSync(file, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } })
}

/** 1,000 ended runs, stored straight into the home's embedded database. */
const seed = (home: string) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const now = new Date().toISOString()
    for (let i = 0; i < 1000; i++) {
      const code = `results = {"i": ${i}}\n`
      const stored: Run.Run = {
        id: Ids.RunId.make(randomUUID()),
        status: "succeeded",
        request: { code, requester: "bench" },
        attempts: [{ number: 1, source: "request", code, codeSha256: Ids.CodeSha256.make(sha256(code)), createdAt: now }],
        createdAt: now,
        updatedAt: now,
        version: 0
      }
      yield* store.create(stored)
    }
  }).pipe(Effect.provide(PgliteStore.layer({ dataDir: path.join(home, "db") })), Effect.runPromise)

/** The local executor's own time for the trivial run, in this process, set up as the server's is. */
const executorTime = () =>
  Effect.gen(function* () {
    const executor = yield* Executor.Executor
    const workRoot = tempDir("bench-executor")
    let k = 0
    const once = () =>
      Effect.runPromise(
        executor.execute({ runId: "bench", attempt: 1, code: trivial, codeSha256: sha256(trivial), workDir: path.join(workRoot, `job-${++k}`), profile: "read-only", timeoutMs: 60_000 })
      )
    return yield* Effect.promise(() => timeIt(once))
  }).pipe(Effect.provide(ExecutorConfig.layer), Effect.runPromise)

const main = async () => {
  const node = run(process.execPath, ["-e", "0"])
  const version = await compare(node, run(bin, ["--version"]))
  console.log(`pyexec --version: p50 ${ms(version.subj)}, node -e 0 ${ms(version.base)}: ${version.ratio} (goal: within 2x)`)

  const home = tempDir("bench-cli")
  await seed(home)
  const env = { PYEXEC_HOME: home, PYEXEC_EXECUTOR: "local" }
  const direct = await compare(node, run(bin, ["runs"], env))
  console.log(`pyexec runs, 1,000 runs, embedded database opened by the command: p50 ${ms(direct.subj)}, node -e 0 ${ms(direct.base)}: ${direct.ratio}`)

  process.env.PYEXEC_EXECUTOR = "local"
  const own = await executorTime()
  console.log(`the local executor's own time for a trivial run: p50 ${ms(own)}`)

  const server = await startServer(env, home)
  try {
    await settled(server.child.pid!)
    const served = await compare(node, run(bin, ["runs"], env))
    console.log(`pyexec runs, 1,000 runs, through the pyexec serve on the home: p50 ${ms(served.subj)}, node -e 0 ${ms(served.base)}: ${served.ratio} (goal: < 500 ms, within 4x)`)
    const token = fs.readFileSync(path.join(home, "admin-token"), "utf8").trim().split(":")[2]!
    const endToEnd = await timeIt(async () => {
      const submitted = await fetch(`${server.url}/api/runs`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ code: trivial })
      }).then((r) => r.json() as Promise<{ runId: string }>)
      // the stream ends with the run's final transition
      const { events } = await readEvents(server.url, `/api/runs/${submitted.runId}/events`, token)
      const last = JSON.parse(events.filter((e) => e.event === "transition").at(-1)!.data)
      if (last.toStatus !== "succeeded") throw new Error(`the benchmark run ended ${last.toStatus}`)
    })
    console.log(`a trivial run through the API, submitted and followed to its end: p50 ${ms(endToEnd)}, ${(endToEnd / own).toFixed(2)}x the executor's own time (goal: within 3x)`)
  } finally {
    await server.stop()
  }
}

await main()
