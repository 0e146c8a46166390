import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { TreeSitterAnalyzer } from "@pyexec/analyzers"
import { Analyzer, CodeGenerator, type Executor, Pipeline, PipelineConfig, Policy, type Run, sha256 } from "@pyexec/core"
import { ContainerExecutor, ExecutorConfig, LocalExecutor, Profiles, RunLimits, SshExecutor } from "@pyexec/executors"
import { FileNotebookWriter, PgliteStore } from "@pyexec/store"
import { EpicsIoc } from "@pyexec/testing"
import { Effect, Layer, ManagedRuntime } from "effect"
import { startHostGateway, testHost } from "../../../packages/executors/test/support/ssh.js"
import { repoRoot, tempDir } from "./support/cli.js"

/**
 * Read-only by construction (issue 13): the attack catalogue (packages/executors/test/attacks), every script an
 * "analysis" that also tries to change the machine or reach past its run, goes through the real pipeline with an
 * analyzer that sees nothing (the worst miss), so each one runs unapproved, read-only. The boundary alone must hold.
 */

const attacksDir = path.join(repoRoot, "packages/executors/test/attacks")
interface Attack {
  readonly name: string
  readonly kind: string
  /** escape attacks: the results keys that hold what got past the boundary */
  readonly leaks: ReadonlyArray<string>
  /** why nothing can tell the run of the refusal (`# silent:`), where nothing can */
  readonly silent: boolean
  /** whether it tries to change {{PV}} (the others only read it) */
  readonly writes: boolean
  /** `# answer: KEY ~ TEXT`: the results key holding the answer the attack got, which must contain the boundary's refusal */
  readonly answer: readonly [string, string] | undefined
  readonly code: (pv: string) => string
}
const attacks: ReadonlyArray<Attack> = fs
  .readdirSync(attacksDir)
  .filter((f) => /^\d+-.*\.py$/.test(f))
  .sort()
  .map((file) => {
    const text = fs.readFileSync(path.join(attacksDir, file), "utf8")
    return {
      name: file.replace(/\.py$/, ""),
      kind: /^# class: (\S+)/m.exec(text)?.[1] ?? "unknown",
      silent: /^# silent: /m.test(text),
      writes: text.includes("{{PV}}"),
      answer: ((m) => (m ? ([m[1]!, m[2]!.trim()] as const) : undefined))(/^# answer: (\w+) ~ (.+)$/m.exec(text)),
      leaks: (/^# leak: (.+)$/m.exec(text)?.[1] ?? "").split(",").map((k) => k.trim()).filter(Boolean),
      code: (pv: string) => text.replaceAll("{{PV}}", pv).replaceAll("{{READ_PV}}", pv)
    }
  })

const blindAnalyzer = Layer.succeed(
  Analyzer.Analyzer,
  Analyzer.Analyzer.of({ analyze: (code) => Effect.succeed({ codeSha256: sha256(code), parsed: true, findings: [], durationMs: 0 }) })
)
const noGenerator = Layer.succeed(CodeGenerator.CodeGenerator, CodeGenerator.CodeGenerator.of({ generate: () => Effect.die("attacks carry their own code") }))

const pipelineOn = (executor: Layer.Layer<Executor.Executor>, analyzer: Layer.Layer<Analyzer.Analyzer> = blindAnalyzer) => {
  const home = tempDir("boundary")
  const runsDir = path.join(home, "runs")
  const layer = Pipeline.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        PgliteStore.layer(),
        noGenerator,
        executor,
        analyzer,
        Policy.layer,
        FileNotebookWriter.layer(runsDir),
        PipelineConfig.layer({ runsDir, infraRetryDelayMs: 10 })
      )
    )
  )
  const runtime = ManagedRuntime.make(layer)
  /** The run as stored once the pipeline let go of it. */
  const run = (code: string) => runtime.runPromise(Effect.flatMap(Pipeline.Pipeline, (p) => p.run({ code, requester: "attacker" })))
  return { home, runtime, run }
}

/** Secrets the server holds: none may reach the code. */
const secrets = { SLACK_BOT_TOKEN: "xoxb-boundary-test-secret", PYEXEC_DATABASE_URL: "postgres://secret@127.0.0.1/pyexec", OPENAI_API_KEY: "sk-boundary" }

let ioc: EpicsIoc.EpicsIoc
/** The SSH host's read-only path (pyexec-host-gateway, as its init would run it), reading from the IOC. */
let hostGateway: Awaited<ReturnType<typeof startHostGateway>>
beforeAll(async () => {
  Object.assign(process.env, secrets)
  ioc = await EpicsIoc.start()
  hostGateway = await startHostGateway(ioc.env)
}, 60_000)
afterAll(async () => {
  await hostGateway?.stop()
  await ioc?.stop()
})

const pvName = () => `${ioc.prefix}SETPOINT`
const initial = 1.5
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A refusal the run was told of, by the in-process guard, libca, the gateway's answer or the gateway's log: not any
 * error (a "Connection refused" or a time-out is also what an attack at a wrong port gets; the controls below show
 * each attack writes where nothing stops it).
 */
const told = /this run is read-only|the read-only gateway refused a write to|Write access denied|NOWTACCESS|permission denied by gateway/

const resultOf = (run: Run.Run) => run.attempts.at(-1)?.result

/**
 * The run, tried once more when the attack's own Python was killed by a signal before the runner recorded anything
 * (28 reloads libca under its own threads, which now and then ends in SIGSEGV): such a run shows nothing either way.
 */
const crashedOnce = async (attempt: () => Promise<Run.Run>) => {
  const first = await attempt()
  const error = resultOf(first)?.error
  return error?.type === "ProcessDied" && /killed by SIG/.test(error.message) ? attempt() : first
}
/** What the run said, for "the write was refused". */
const said = (run: Run.Run) => {
  const result = resultOf(run)
  return `${result?.error?.type ?? ""} ${result?.error?.message ?? ""} ${result?.stdout ?? ""} ${result?.stderr ?? ""} ${run.outcome?.message ?? ""}`
}

/** What an escape attack reports it got past the boundary, by its `# leak:` keys: each must be empty. */
const escapes = (attack: Attack, results: Record<string, unknown>, home: string) => {
  const got: Record<string, unknown> = {}
  const empty = (v: unknown) => v === null || v === undefined || v === false || v === 0 || (typeof v === "object" && Object.keys(v as object).length === 0)
  for (const key of attack.leaks) {
    // a listing of what is above the run's folder: only the server's own folder is a leak
    const value = key === "home_listing" && Array.isArray(results[key]) ? (results[key] as Array<string>).filter((p) => p.startsWith(home)) : results[key]
    if (!empty(value)) got[key] = value
  }
  return got
}

const executors: ReadonlyArray<readonly [string, () => Layer.Layer<Executor.Executor>, "enforced" | "missing"]> = [
  ["local", () => LocalExecutor.layer({ preload: LocalExecutor.defaultPreload, gatewayUpstream: ioc.env, maxMemoryBytes: 768 << 20 }), "enforced"],
  [
    "container",
    () =>
      ContainerExecutor.layer({
        ...RunLimits.defaults,
        ...ContainerExecutor.defaults,
        image: ExecutorConfig.defaultImage,
        profiles: Profiles.none,
        memoryBytes: 768 << 20,
        gatewayUpstream: ioc.env
      }),
    "enforced"
  ],
  [
    "ssh with the host's sandbox",
    () =>
      SshExecutor.layer({
        ...RunLimits.defaults,
        maxMemoryBytes: 768 << 20,
        hosts: [testHost({ sandbox: { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: hostGateway.name } })],
        profiles: Profiles.none
      }),
    "enforced"
  ]
]

for (const [kind, executorLayer] of executors) {
  describe(`read-only by construction: ${kind} executor, analyzer blind`, () => {
    let pipeline: ReturnType<typeof pipelineOn>
    beforeAll(async () => {
      pipeline = pipelineOn(executorLayer())
      await pipeline.runtime.runPromise(Effect.void)
    }, 120_000)
    afterAll(async () => {
      await pipeline?.runtime.dispose()
    })

    for (const attack of attacks) {
      it(`${attack.kind}: ${attack.name} changes nothing`, { timeout: 90_000 }, async () => {
        const run = await crashedOnce(() => pipeline.run(attack.code(pvName())))
        const attempt = run.attempts.at(-1)
        expect(attempt?.verdict?.decision).toBe("execute")
        expect(attempt?.verdict?.profile).toBe("read-only")
        const results = (resultOf(run)?.results ?? {}) as Record<string, unknown>
        // a process the code left behind may try later: it is gone once the run is recorded
        if (results.delay_s !== undefined) await sleep((Number(results.delay_s) + 1.5) * 1000)
        expect(await ioc.get(pvName())).toBe(initial)
        expect(results.reading, `the read in the same script: ${said(run).slice(0, 2000)}`).toBe(initial)
        // the server reads a run's figures with its own rights: they are the run's own files, never a path the code named
        const attemptDir = path.join(pipeline.home, "runs", run.id, `attempt-${attempt?.number}`)
        for (const figure of resultOf(run)?.figures ?? []) {
          expect(figure.startsWith(`${attemptDir}/figures/`), figure).toBe(true)
          expect(fs.lstatSync(figure).isFile(), figure).toBe(true)
        }
        if (attack.kind === "escape") expect(escapes(attack, results, pipeline.home)).toEqual({})
        else if (attack.kind !== "outlive" && !attack.silent) expect(said(run)).toMatch(told)
        if (attack.answer) expect(String(results[attack.answer[0]])).toContain(attack.answer[1])
      })
    }
  })
}

/**
 * The control: every write attack, run where nothing stops it, does change the PV. Without it, "the PV is unchanged"
 * above could hold because the attack never worked (a wrong channel name or port, an exception before the write, a
 * value equal to the PV's own). Where nothing stops it: pyexec's runner by itself (as attacks/prove.py runs it) with
 * the `write` profile (no in-process guard) and the IOC's own addresses, no sandbox, no cgroup that ends what the code
 * leaves behind: the boundary is what differs between the two.
 */
describe("control: without the boundary, each write attack changes the PV", () => {
  const withoutEpics = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("EPICS_")))
  const python = (args: ReadonlyArray<string>, options: { cwd?: string } = {}) =>
    new Promise<{ stderr: string }>((resolve) =>
      execFile("python3", [...args], { ...options, env: { ...withoutEpics(), ...ioc.env }, timeout: 60_000 }, (_e, _out, stderr) => resolve({ stderr }))
    )
  const unguarded = async (code: string) => {
    const dir = tempDir("boundary-control")
    fs.writeFileSync(path.join(dir, "code.py"), code)
    fs.writeFileSync(path.join(dir, "job.json"), JSON.stringify({ profile: "write", max_figures: 5, watchdog_seconds: 60, code_sha256: sha256(code) }))
    const { stderr } = await python([path.join(repoRoot, "packages/executors/runner/pyexec_runner.py"), dir], { cwd: dir })
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as { results?: Record<string, unknown>; error?: unknown }
    return { results: manifest.results ?? {}, said: `${JSON.stringify(manifest.error)} ${JSON.stringify(manifest.results)}\n${stderr.slice(-1500)}` }
  }
  const putBack = async () => {
    await python(["-c", `from caproto.sync.client import write\nwrite(${JSON.stringify(pvName())}, ${initial}, notify=True, timeout=5, repeater=False)`])
    expect(await ioc.get(pvName())).toBe(initial)
  }
  /** The PV's value once it differs from `initial`, or `initial` when `ms` pass first (a process left behind writes late). */
  const changedWithin = async (ms: number) => {
    const until = Date.now() + ms
    for (;;) {
      const value = await ioc.get(pvName())
      if (value !== initial || Date.now() > until) return value
      await sleep(250)
    }
  }
  /** One more try when the first wrote nothing: under load a 2 s channel connect (pyepics' default) can time out, and an attack that works at all is one the boundary must stop. */
  const writes = async (code: string) => {
    const first = await unguarded(code)
    const waited = await changedWithin(((Number(first.results.delay_s ?? 0)) + 15) * 1000)
    if (waited !== initial) return { ...first, value: waited }
    const second = await unguarded(code)
    return { ...second, value: await changedWithin(((Number(second.results.delay_s ?? 0)) + 15) * 1000) }
  }
  // the attacks that write {{PV}} (the others read it only: escapes, and a run folder made to defeat its cleanup)
  for (const attack of attacks.filter((a) => a.writes)) {
    it(`${attack.kind}: ${attack.name} writes when nothing stops it`, { timeout: 120_000 }, async () => {
      expect(await ioc.get(pvName())).toBe(initial)
      try {
        const { results, said, value } = await writes(attack.code(pvName()))
        expect(results.reading, said).toBe(initial)
        expect(value, said).not.toBe(initial)
      } finally {
        await putBack()
      }
    })
  }
})

describe("read-only by construction: ssh executor", () => {
  it("has no boundary on a host that does not provide one: every run waits for approval, and nothing ran", async () => {
    const pipeline = pipelineOn(SshExecutor.layer({ ...RunLimits.defaults, hosts: [testHost()], profiles: Profiles.none }))
    try {
      const attack = attacks.find((a) => a.kind === "protocol")!
      const run = await pipeline.run(attack.code(pvName()))
      expect(run.status).toBe("awaiting_approval")
      expect(run.attempts.at(-1)?.verdict?.reasons[0]).toMatch(/ssh executor has no read-only boundary/)
      expect(resultOf(run)).toBeUndefined()
      expect(await ioc.get(pvName())).toBe(initial)
    } finally {
      await pipeline.runtime.dispose()
    }
  })
})

describe("approved writes", () => {
  const write = (pv: string) => `import epics\nepics.caput("${pv}", 42, wait=True, timeout=10)\nresults = {"now": epics.caget("${pv}", use_monitor=False, timeout=10)}\n`
  const local = () => LocalExecutor.layer({ gatewayUpstream: ioc.env, profiles: { "read-only": { env: {} }, write: { env: ioc.env } } })

  it("the code run read-only (the analyzer missed its write) fails and changes nothing; approved, it writes", async () => {
    const pv = `${ioc.prefix}COUNT`
    const blind = pipelineOn(local())
    try {
      const missed = await blind.run(write(pv))
      expect(missed.status).toBe("failed")
      expect(said(missed)).toMatch(/refus|read-only|write access/i)
      expect(await ioc.get(pv)).toBe(7)
    } finally {
      await blind.runtime.dispose()
    }
    const seeing = pipelineOn(local(), TreeSitterAnalyzer.layer())
    try {
      const waiting = await seeing.run(write(pv))
      expect(waiting.status).toBe("awaiting_approval")
      expect(await ioc.get(pv)).toBe(7)
      const attempt = waiting.attempts.at(-1)!
      const decision = { codeSha256: attempt.codeSha256, verdict: "approved" as const }
      const done = await seeing.runtime.runPromise(Effect.flatMap(Pipeline.Pipeline, (p) => p.resume(waiting.id, decision, { name: "approver", roles: ["approver"] })))
      expect(done.status).toBe("succeeded")
      expect(resultOf(done)?.results).toEqual({ now: 42 })
      expect(await ioc.get(pv)).toBe(42)
    } finally {
      await seeing.runtime.dispose()
    }
  })
})
