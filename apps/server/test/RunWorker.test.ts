import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { TreeSitterAnalyzer } from "@pyexec/analyzers"
import {
  type Approval,
  ApprovalRules,
  CodeGenerator,
  type Ids,
  type Identity,
  Pipeline,
  PipelineConfig,
  Policy,
  type Run,
  RunStore,
  RunWorker,
  sha256,
  WorkerConfig,
  WorkSignal
} from "@pyexec/core"
import { LocalExecutor } from "@pyexec/executors"
import { FileNotebookWriter, PostgresStore } from "@pyexec/store"
import { PostgresDatabase } from "@pyexec/testing"
import { Effect, Layer, Option, Redacted } from "effect"
import { markerFile, sharedMarkers, tempDir, timesRun } from "./support/cli.js"

const noGenerator = Layer.succeed(
  CodeGenerator.CodeGenerator,
  CodeGenerator.CodeGenerator.of({ generate: () => Effect.die("these runs carry their own code") })
)

let postgres: PostgresDatabase.TestDatabase
beforeAll(async () => {
  postgres = await PostgresDatabase.create()
})
afterAll(async () => {
  await postgres?.drop()
})

/** One server process's worth of services on the shared Postgres: a pipeline, and with `worker` its work loop. */
const processLayer = (
  options: { rules?: ApprovalRules.ApprovalSettings; worker?: Partial<WorkerConfig.WorkerSettings>; policy?: "epics_writes" | "all_code" | "disabled" } = {}
) => {
  const runsDir = path.join(tempDir("worker"), "runs")
  const services = Layer.mergeAll(
    PostgresStore.layer(Redacted.make(postgres.url)),
    noGenerator,
    LocalExecutor.layer({ sharedFolders: sharedMarkers().folders }),
    TreeSitterAnalyzer.layer(),
    Policy.layer,
    FileNotebookWriter.layer(runsDir),
    PipelineConfig.layer({ runsDir, policyMode: options.policy ?? "epics_writes" }),
    ApprovalRules.layer(options.rules),
    WorkerConfig.layer({ leaseMs: 1_000, pollMs: 100, sweepMs: 200, ...options.worker }),
    WorkSignal.layer
  )
  return Pipeline.layer.pipe(Layer.provideMerge(services))
}

const withWorker = (layer: ReturnType<typeof processLayer>) => RunWorker.layer.pipe(Layer.provideMerge(layer))

const counterScript = (counter: string, write = true) =>
  `${write ? "import epics\n" : ""}open(${JSON.stringify(counter)}, "a").write("ran\\n")\n${write ? 'if False:\n    epics.caput("X", 1)\n' : ""}results = {"ok": True}\n`

const person = (name: string, ...roles: Array<Identity.Role>): Identity.Identity => ({ name, roles })
const approval = (run: Run.Run): Approval.Decision => ({ codeSha256: run.attempts.at(-1)!.codeSha256, verdict: "approved" })

/** Reads the run until it passes the test; fails after `ms`. */
const until = (runId: Ids.RunId, done: (run: Run.Run) => boolean, ms = 30_000) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const end = Date.now() + ms
    for (;;) {
      const run = yield* store.get(runId)
      if (done(run)) return run
      if (Date.now() > end) return yield* Effect.die(`run ${runId} is still ${run.status}`)
      yield* Effect.sleep("50 millis")
    }
  })

describe("approval rules", () => {
  it.live("the four-eyes rule refuses the requester's own approval; another approver's goes through; refusals are audited", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const store = yield* RunStore.RunStore
      const counter = markerFile("four-eyes-count")
      const waiting = yield* pyexec.run({ code: counterScript(counter), requester: "alice" })
      expect(waiting.status).toBe("awaiting_approval")
      const own = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("alice", "requester", "approver")))
      expect(own).toMatchObject({ _tag: "ApprovalRefused", reason: "own-run" })
      const outsider = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("carol", "approver")))
      expect(outsider).toMatchObject({ _tag: "ApprovalRefused", reason: "not-allowed" })
      expect((yield* store.get(waiting.id)).version).toBe(waiting.version)
      const done = yield* pyexec.resume(waiting.id, approval(waiting), person("bob", "approver"))
      expect(done.status).toBe("succeeded")
      expect(timesRun(counter)).toBe(1)
      const audit = yield* store.auditLog(waiting.id)
      const refused = audit.filter((a) => a.action === "refused")
      expect(refused.map((a) => [a.actor, a.detail?.reason])).toEqual([
        ["alice", "own-run"],
        ["carol", "not-allowed"]
      ])
      expect(audit.some((a) => a.action === "approved" && a.actor === "bob")).toBe(true)
    }).pipe(Effect.provide(processLayer({ rules: { approvers: ["alice", "bob"], fourEyes: true } }))))

  it.live("a run that waited longer than the expiry ends expired: a late approval is refused and runs nothing", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const counter = markerFile("expiry-count")
      const waiting = yield* pyexec.run({ code: counterScript(counter), requester: "alice" })
      yield* Effect.sleep("50 millis")
      const late = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("bob", "approver")))
      expect(late).toMatchObject({ _tag: "ApprovalRefused", reason: "expired" })
      const after = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get(waiting.id))
      expect(after.status).toBe("expired")
      expect(after.outcome?.message).toMatch(/expired/)
      expect(timesRun(counter)).toBe(0)
    }).pipe(Effect.provide(processLayer({ rules: { approvers: [], fourEyes: false, expiryHours: 0.01 / 3600 } }))))

  it.live("the work loop expires runs that wait too long by itself", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: counterScript(markerFile("sweep-count")), requester: "alice" })
      const expired = yield* until(waiting.id, (r) => r.status === "expired")
      expect(expired.outcome?.reason).toBe("expired")
    }).pipe(Effect.provide(withWorker(processLayer({ rules: { approvers: [], fourEyes: false, expiryHours: 0.2 / 3600 } })))))
})

describe("work claiming", () => {
  it.live("two processes' work loops share 20 submitted runs: every run executes exactly once", () =>
    Effect.gen(function* () {
      const first = yield* Layer.build(withWorker(processLayer({ policy: "disabled" })))
      const second = yield* Layer.build(withWorker(processLayer({ policy: "disabled" })))
      const counters = Array.from({ length: 20 }, (_, i) => markerFile(`${i}.txt`))
      const submitted = yield* Effect.forEach(counters, (counter, i) =>
        Effect.flatMap(Pipeline.Pipeline, (p) => p.submit({ code: counterScript(counter, false), requester: "op" })).pipe(
          Effect.provide(i % 2 ? first : second)
        )
      )
      const done = yield* Effect.forEach(submitted, (run) => until(run.id, (r) => r.status === "succeeded"), { concurrency: "unbounded" }).pipe(
        Effect.provide(first)
      )
      expect(done).toHaveLength(20)
      expect(counters.map(timesRun)).toEqual(counters.map(() => 1))
      const histories = yield* Effect.forEach(submitted, (run) => Effect.flatMap(RunStore.RunStore, (s) => s.checkpoints(run.id))).pipe(
        Effect.provide(first)
      )
      expect(histories.map((h) => h.filter((c) => c.toStatus === "executing").length)).toEqual(counters.map(() => 1))
    }).pipe(Effect.scoped))

  it.live("a run left executing by a dead process becomes interrupted and is not run again", () =>
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const counter = markerFile("dead-count")
      const waiting = yield* pyexec.run({ code: counterScript(counter), requester: "alice" })
      yield* pyexec.decide(waiting.id, approval(waiting), person("bob", "approver"))
      // a process that claimed the approved run, moved it to executing, and died
      const dead = { worker: "dead-host:1:000000", leaseMs: 300 }
      const claimed = Option.getOrThrow(yield* store.claim(dead, { runId: waiting.id }))
      yield* store.commit({ next: { ...claimed, status: "executing", version: claimed.version + 1 }, expectedVersion: claimed.version, event: "executing" })
      const interrupted = yield* until(waiting.id, (r) => r.status === "interrupted").pipe(
        Effect.provide(withWorker(processLayer()))
      )
      expect(interrupted.outcome?.message).toMatch(/not started again/)
      yield* Effect.sleep("1 second")
      expect((yield* store.get(waiting.id)).status).toBe("interrupted")
      expect(timesRun(counter)).toBe(0)
    }).pipe(Effect.provide(processLayer())))

  it.live("a run a dead process left analyzing is continued by another process once its lease runs out", () =>
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const counter = markerFile("continued-count")
      const queued = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.submit({ code: counterScript(counter, false), requester: "alice" }))
      const dead = { worker: "dead-host:3:000000", leaseMs: 300 }
      const claimed = Option.getOrThrow(yield* store.claim(dead, { runId: queued.id }))
      const attempt = { number: 1, source: "request" as const, code: queued.request.code!, codeSha256: sha256(queued.request.code!), createdAt: claimed.createdAt }
      yield* store.commit({ next: { ...claimed, status: "analyzing", attempts: [attempt], version: claimed.version + 1 }, expectedVersion: claimed.version, event: "code ready" })
      yield* until(queued.id, (r) => r.status === "succeeded").pipe(Effect.provide(withWorker(processLayer({ policy: "disabled" }))))
      expect(timesRun(counter)).toBe(1)
    }).pipe(Effect.provide(processLayer())))

  it.live("a read-only run left executing is run once more when so configured", () =>
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const counter = markerFile("read-only-count")
      const queued = yield* pyexec.submit({ code: counterScript(counter, false), requester: "alice" })
      const dead = { worker: "dead-host:2:000000", leaseMs: 300 }
      const claimed = Option.getOrThrow(yield* store.claim(dead, { runId: queued.id }))
      const attempt = { number: 1, source: "request" as const, code: queued.request.code!, codeSha256: sha256(queued.request.code!), createdAt: claimed.createdAt, verdict: { decision: "execute" as const, profile: "read-only" as const, reasons: [] } }
      yield* store.commit({ next: { ...claimed, status: "executing", attempts: [attempt], version: claimed.version + 1 }, expectedVersion: claimed.version, event: "executing" })
      const done = yield* until(queued.id, (r) => r.status === "succeeded").pipe(
        Effect.provide(withWorker(processLayer({ worker: { retryInterruptedReadOnly: true }, policy: "disabled" })))
      )
      expect(timesRun(counter)).toBe(1)
      const events = (yield* store.checkpoints(done.id)).map((c) => c.event)
      expect(events.filter((e) => e.includes("run once more"))).toHaveLength(1)
    }).pipe(Effect.provide(processLayer())))
})
