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

const resultOf = (run: Run.Run) => run.attempts.at(-1)?.result
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
        const run = await pipeline.run(attack.code(pvName()))
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
        else if (attack.kind !== "outlive" && !attack.silent) expect(said(run)).toMatch(/refus|read-only|write access|NOWTACCESS|denied|not permitted|unreachable|Connection refused|timed? ?out|not found|No such/i)
      })
    }
  })
}

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
