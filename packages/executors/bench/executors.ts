/**
 * Each executor against its raw baseline, in one run: a trivial run (`results = {"x": 1}`) and a numpy +
 * matplotlib run, medians over N runs. Goals (issue 4): local <= 1.5x raw python, container with its warm pool
 * <= 0.5x a cold `docker run`, ssh <= 1.3x a raw `ssh host python -c pass`.
 *   eval "$(scripts/services start)"; pnpm bench:executors [N]      (Docker, the sandbox image, the test sshd)
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Executor, sha256 } from "@pyexec/core"
import { Effect, Exit, Scope } from "effect"
import { ContainerExecutor, ExecutorConfig, LocalExecutor, Profiles, RunLimits, SshExecutor } from "../src/index.js"
import { testHost } from "../test/support/ssh.js"
import { command, timeIt } from "./stats.js"
import { plotting, python, trivial } from "./workloads.js"

const n = Number(process.argv[2] ?? 15)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-bench-"))

let k = 0
const runner = (executor: Executor.Executor["Type"], code: string) => () =>
  Effect.runPromise(
    executor.execute({ runId: "bench", attempt: 1, code, codeSha256: sha256(code), workDir: path.join(tmp, `job-${++k}`), profile: "read-only", timeoutMs: 60_000 })
  ).then((r) => {
    if (r.error) throw new Error(`benchmark run failed: ${r.error.type}: ${r.error.message}`)
  })

interface Row {
  readonly executor: string
  readonly baseline: string
  readonly baselineMs: number
  readonly trivialMs: number
  readonly plottingMs: number
  readonly goal: number
}

const rows: Array<Row> = []
/** `pauseMs` lets a warm pool refill between runs: the figure is a run's latency, not the pool's throughput. */
const measure = async (name: string, executor: Executor.Executor["Type"], baseline: string, baselineRun: () => unknown, goal: number, pauseMs = 0) => {
  const baselineMs = await timeIt(n, baselineRun)
  const trivialMs = await timeIt(n, runner(executor, trivial), pauseMs)
  const plottingMs = await timeIt(Math.max(3, Math.floor(n / 3)), runner(executor, plotting), pauseMs)
  rows.push({ executor: name, baseline, baselineMs, trivialMs, plottingMs, goal })
}

const limits = { ...RunLimits.defaults, python }
const rawPython = `${path.basename(python)} -c pass`
await measure("local (cold: an interpreter per run)", LocalExecutor.make(limits), rawPython, command(python, ["-c", "pass"]), 1.5)
const warm = LocalExecutor.unsandboxedWarm(python, LocalExecutor.defaultPreload)
await measure("local (warm: forked, numpy+matplotlib preloaded)", LocalExecutor.make(limits, { warm: { "read-only": warm, write: warm } }), rawPython, command(python, ["-c", "pass"]), 1.5)
warm.close()

const scope = Effect.runSync(Scope.make())
const image = ExecutorConfig.defaultImage
const container = await Effect.runPromise(
  Scope.extend(ContainerExecutor.make({ ...limits, ...ContainerExecutor.defaults, image, profiles: Profiles.none }), scope)
)
await measure("container (warm pool)", container, `docker run --rm ${image} python3 -c pass`, command("docker", ["run", "--rm", "--network", "none", image, "python3", "-c", "pass"]), 0.5, 1000)

const host = testHost({ workRoot: "/tmp/pyexec-bench" })
const ssh = await Effect.runPromise(Scope.extend(SshExecutor.make({ ...limits, hosts: [host], profiles: Profiles.none }), scope))
const rawSsh = ["-q", "-i", host.privateKey, "-p", String(host.port), "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
  "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", `${host.user}@${host.host}`, host.python, "-c", "pass"]
await measure("ssh (connection kept)", ssh, `ssh ${host.user}@${host.host} ${path.basename(host.python)} -c pass`, command("ssh", rawSsh), 1.3)
await Effect.runPromise(Scope.close(scope, Exit.void))

const ms = (x: number) => `${x.toFixed(0)} ms`
console.log(`\nmedians over ${n} runs (numpy+matplotlib: ${Math.max(3, Math.floor(n / 3))})\n`)
console.log("| executor | raw baseline | baseline | trivial run | ratio | goal | numpy+matplotlib run |")
console.log("|---|---|---|---|---|---|---|")
for (const r of rows) {
  const ratio = r.trivialMs / r.baselineMs
  console.log(`| ${r.executor} | \`${r.baseline}\` | ${ms(r.baselineMs)} | ${ms(r.trivialMs)} | ${ratio.toFixed(2)}x | <= ${r.goal}x ${ratio <= r.goal ? "met" : "NOT met"} | ${ms(r.plottingMs)} |`)
}
fs.rmSync(tmp, { recursive: true, force: true })
