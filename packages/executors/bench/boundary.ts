/**
 * What the read-only boundary costs (issue 13): each executor without it and with it, in one run, the two taking
 * turns run by run: a trivial read-only run and a numpy + matplotlib one, medians over N runs each. Without: the
 * local executor as it ran before (a process group, the in-process guard), the container executor with no
 * network; with: the local sandbox (bubblewrap, a user, a cgroup, the gateway's network), the container in the
 * door's network behind the gateway.
 *   eval "$(scripts/services start)"; pnpm bench:boundary [N]      (root, Docker, the sandbox image)
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Executor, sha256 } from "@pyexec/core"
import { Effect, Exit, Scope } from "effect"
import { ContainerExecutor, ExecutorConfig, LocalExecutor, Profiles, RunLimits } from "../src/index.js"
import { median } from "./stats.js"
import { plotting, python, trivial } from "./workloads.js"

const n = Number(process.argv[2] ?? 15)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-bench-boundary-"))

let k = 0
const once = async (executor: Executor.Executor["Type"], code: string) => {
  const started = performance.now()
  const result = await Effect.runPromise(
    executor.execute({ runId: "bench", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++k}`), profile: "read-only", timeoutMs: 60_000 })
  )
  if (result.error) throw new Error(`benchmark run failed: ${result.error.type}: ${result.error.message}`)
  return performance.now() - started
}

/** Medians of `rounds` runs of each, in turns; one untimed run each first. `pauseMs` lets a warm pool refill. */
const compare = async (without: Executor.Executor["Type"], within: Executor.Executor["Type"], code: string, rounds: number, pauseMs: number) => {
  await once(without, code)
  await once(within, code)
  const a: Array<number> = []
  const b: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    a.push(await once(without, code))
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    b.push(await once(within, code))
  }
  return { without: median(a), within: median(b) }
}

const scope = Effect.runSync(Scope.make())
const start = (make: Effect.Effect<Executor.Executor["Type"], never, Scope.Scope>) => Effect.runPromise(Scope.extend(make, scope))
const limits = { ...RunLimits.defaults, python }

const pairs: Array<[string, Executor.Executor["Type"], Executor.Executor["Type"], number]> = []
pairs.push(["local, cold", LocalExecutor.make(limits), await start(LocalExecutor.scoped(limits)), 0])
const warm = LocalExecutor.unsandboxedWarm(python, LocalExecutor.defaultPreload)
pairs.push([
  "local, warm",
  LocalExecutor.make(limits, { warm: { "read-only": warm, write: warm } }),
  await start(LocalExecutor.scoped({ ...limits, preload: LocalExecutor.defaultPreload })),
  0
])
const container = { ...limits, ...ContainerExecutor.defaults, image: ExecutorConfig.defaultImage }
pairs.push([
  "container",
  await start(ContainerExecutor.make({ ...container, profiles: { ...Profiles.none, "read-only": { env: {}, network: "none" } } })),
  await start(ContainerExecutor.make({ ...container, profiles: Profiles.none })),
  1000
])
for (const [name, , within] of pairs) {
  if (within.readOnlyBoundary._tag !== "enforced") throw new Error(`${name}: no boundary here (${within.readOnlyBoundary.reason})`)
}

const ms = (x: number) => `${x.toFixed(0)} ms`
const rows: Array<string> = []
for (const [name, without, within, pauseMs] of pairs) {
  const t = await compare(without, within, trivial, n, pauseMs)
  const p = await compare(without, within, plotting, Math.max(3, Math.floor(n / 3)), pauseMs)
  rows.push(`| ${name} | ${ms(t.without)} | ${ms(t.within)} | ${(t.within / t.without).toFixed(2)}x | ${ms(p.without)} | ${ms(p.within)} | ${(p.within / p.without).toFixed(2)}x |`)
}
warm.close()
await Effect.runPromise(Scope.close(scope, Exit.void))

console.log(`\nmedians over ${n} runs (numpy+matplotlib: ${Math.max(3, Math.floor(n / 3))}), without and with the boundary in turns\n`)
console.log("| executor | trivial, without | trivial, with | ratio | numpy+matplotlib, without | with | ratio |")
console.log("|---|---|---|---|---|---|---|")
for (const row of rows) console.log(row)
fs.rmSync(tmp, { recursive: true, force: true })
