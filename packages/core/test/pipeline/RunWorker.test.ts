import { describe, expect, it } from "@effect/vitest"
import { Context, Effect, Layer, Option } from "effect"
import {
  type Approval,
  type ApprovalRules,
  type Identity,
  type Ids,
  Pipeline,
  type PolicyVerdict,
  type Run,
  RunStore,
  RunWorker,
  sha256,
  type WorkerConfig
} from "../../src/index.js"
import { FakeExecutor, FakeKernel, FakeRunStore } from "../../src/testing/index.js"

/** One server process's worth of services on the given store: a pipeline, and with `withWorker` its work loop. */
const processLayer = (
  store: RunStore.RunStore["Type"],
  options: { rules?: ApprovalRules.ApprovalSettings; worker?: Partial<WorkerConfig.WorkerSettings>; policy?: "epics_writes" | "all_code" | "disabled" } = {}
) =>
  FakeKernel.layer({
    store,
    config: { policyMode: options.policy ?? "epics_writes" },
    ...(options.rules ? { rules: options.rules } : {}),
    worker: { leaseMs: 1_000, pollMs: 100, sweepMs: 200, ...options.worker }
  })

const withWorker = (layer: ReturnType<typeof processLayer>) => RunWorker.layer.pipe(Layer.provideMerge(layer))

const writeScript = `import epics\nepics.caput("X", 1)\nresults = {"ok": True}\n`
const readScript = `import epics\nx = epics.caget("X")\nresults = {"ok": True}\n`

const person = (name: string, ...roles: Array<Identity.Role>): Identity.Identity => ({ name, roles })
const approval = (run: Run.Run): Approval.Decision => ({ codeSha256: run.attempts.at(-1)!.codeSha256, verdict: "approved" })

/** How often the run's code ran, over the executors of every process that may have run it. */
const timesRun = (runId: Ids.RunId, ...executors: ReadonlyArray<FakeExecutor.FakeExecutor["Type"]>) =>
  executors.flatMap((e) => e.jobs()).filter((job) => job.runId === runId && !job.preview).length

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

/** A process that claimed the queued run, stored it at `status` with its first attempt, and died. */
/**
 * A process that claimed the run, moved it to `status`, and died (its lease of 300 ms runs out). A run without an
 * attempt gets one of its request's code (with `verdict`); a run with attempts keeps them.
 */
const leftBehindByDeadProcess = (run: Run.Run, worker: string, status: Run.Run["status"], verdict?: PolicyVerdict.PolicyVerdict) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const claimed = Option.getOrThrow(yield* store.claim({ worker, leaseMs: 300 }, { runId: run.id }))
    const code = run.request.code!
    const attempts = claimed.attempts.length > 0 ? claimed.attempts : [{ number: 1, source: "request" as const, code, codeSha256: sha256(code), createdAt: claimed.createdAt, ...(verdict ? { verdict } : {}) }]
    yield* store.commit({ next: { ...claimed, status, attempts, version: claimed.version + 1 }, expectedVersion: claimed.version, event: status === "executing" ? "executing" : "code ready" })
  })

describe("approval rules", () => {
  it.live("the four-eyes rule refuses the requester's own approval; another approver's goes through; refusals are audited", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const store = yield* RunStore.RunStore
      const executor = yield* FakeExecutor.FakeExecutor
      const waiting = yield* pyexec.run({ code: writeScript, requester: "alice" })
      expect(waiting.status).toBe("awaiting_approval")
      const own = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("alice", "requester", "approver")))
      expect(own).toMatchObject({ _tag: "ApprovalRefused", reason: "own-run" })
      const outsider = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("carol", "approver")))
      expect(outsider).toMatchObject({ _tag: "ApprovalRefused", reason: "not-allowed" })
      expect((yield* store.get(waiting.id)).version).toBe(waiting.version)
      const done = yield* pyexec.resume(waiting.id, approval(waiting), person("bob", "approver"))
      expect(done.status).toBe("succeeded")
      expect(timesRun(waiting.id, executor)).toBe(1)
      const audit = yield* store.auditLog(waiting.id)
      const refused = audit.filter((a) => a.action === "refused")
      expect(refused.map((a) => [a.actor, a.detail?.reason])).toEqual([
        ["alice", "own-run"],
        ["carol", "not-allowed"]
      ])
      expect(audit.some((a) => a.action === "approved" && a.actor === "bob")).toBe(true)
    }).pipe(Effect.provide(processLayer(FakeRunStore.make(), { rules: { approvers: ["alice", "bob"], fourEyes: true } }))))

  it.live("a run that waited longer than the expiry ends expired: a late approval is refused and runs nothing", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeScript, requester: "alice" })
      yield* Effect.sleep("50 millis")
      const late = yield* Effect.flip(pyexec.decide(waiting.id, approval(waiting), person("bob", "approver")))
      expect(late).toMatchObject({ _tag: "ApprovalRefused", reason: "expired" })
      const after = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get(waiting.id))
      expect(after.status).toBe("expired")
      expect(after.outcome?.message).toMatch(/expired/)
      expect(timesRun(waiting.id, yield* FakeExecutor.FakeExecutor)).toBe(0)
    }).pipe(Effect.provide(processLayer(FakeRunStore.make(), { rules: { approvers: [], fourEyes: false, expiryHours: 0.01 / 3600 } }))))

  it.live("the work loop expires runs that wait too long by itself", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeScript, requester: "alice" })
      const expired = yield* until(waiting.id, (r) => r.status === "expired")
      expect(expired.outcome?.reason).toBe("expired")
    }).pipe(Effect.provide(withWorker(processLayer(FakeRunStore.make(), { rules: { approvers: [], fourEyes: false, expiryHours: 0.2 / 3600 } })))))
})

describe("work claiming", () => {
  it.live("two processes' work loops share 20 submitted runs: every run executes exactly once", () =>
    Effect.gen(function* () {
      const store = FakeRunStore.make()
      const first = yield* Layer.build(withWorker(processLayer(store, { policy: "disabled" })))
      const second = yield* Layer.build(withWorker(processLayer(store, { policy: "disabled" })))
      const submitted = yield* Effect.forEach(Array.from({ length: 20 }, (_, i) => i), (i) =>
        Effect.flatMap(Pipeline.Pipeline, (p) => p.submit({ code: `results = {"run": ${i}}\n`, requester: "op" })).pipe(Effect.provide(i % 2 ? first : second))
      )
      const done = yield* Effect.forEach(submitted, (run) => until(run.id, (r) => r.status === "succeeded"), { concurrency: "unbounded" }).pipe(
        Effect.provide(first)
      )
      expect(done).toHaveLength(20)
      const executors = [first, second].map((process) => Context.get(process, FakeExecutor.FakeExecutor))
      expect(submitted.map((run) => timesRun(run.id, ...executors))).toEqual(submitted.map(() => 1))
      const histories = yield* Effect.forEach(submitted, (run) => store.checkpoints(run.id))
      expect(histories.map((h) => h.filter((c) => c.toStatus === "executing").length)).toEqual(submitted.map(() => 1))
    }).pipe(Effect.scoped))

  it.live("a run the CLI creates is its own from the start: a server polling the same store, the moment after it is stored, takes nothing", () =>
    Effect.gen(function* () {
      const store = FakeRunStore.make()
      const takenByServer: Array<Option.Option<Run.Run>> = []
      const pollingRightAfterCreate = RunStore.RunStore.of({
        ...store,
        create: (run, heldBy) =>
          Effect.tap(store.create(run, heldBy), () =>
            Effect.map(store.claim({ worker: "server", leaseMs: 60_000 }, { statuses: ["queued", "generating", "analyzing", "approved"] }), (taken) => {
              takenByServer.push(taken)
            })
          )
      })
      const cli = yield* Layer.build(processLayer(pollingRightAfterCreate, { policy: "disabled" }))
      const run = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.run({ code: `results = {"ok": True}\n`, requester: "op" })).pipe(
        Effect.provide(cli),
        Effect.timeout("10 seconds")
      )
      expect(takenByServer).toEqual([Option.none()])
      expect(run.status).toBe("succeeded")
      expect(timesRun(run.id, Context.get(cli, FakeExecutor.FakeExecutor))).toBe(1)
    }).pipe(Effect.scoped))

  it.live("a run left executing by a dead process becomes interrupted and is not run again", () => {
    const shared = FakeRunStore.make()
    return Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeScript, requester: "alice" })
      const approved = yield* pyexec.decide(waiting.id, approval(waiting), person("bob", "approver"))
      yield* leftBehindByDeadProcess(approved, "dead-host:1:000000", "executing")
      // the other process's work loop keeps sweeping while the test waits, so a second run would show
      const other = yield* Effect.gen(function* () {
        const interrupted = yield* until(waiting.id, (r) => r.status === "interrupted")
        expect(interrupted.outcome?.message).toMatch(/not started again/)
        yield* Effect.sleep("1 second")
        return yield* FakeExecutor.FakeExecutor
      }).pipe(Effect.provide(withWorker(processLayer(shared))))
      expect((yield* store.get(waiting.id)).status).toBe("interrupted")
      expect(timesRun(waiting.id, yield* FakeExecutor.FakeExecutor, other)).toBe(0)
    }).pipe(Effect.provide(processLayer(shared)))
  })

  it.live("a run a dead process left analyzing is continued by another process once its lease runs out", () => {
    const shared = FakeRunStore.make()
    return Effect.gen(function* () {
      const queued = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.submit({ code: readScript, requester: "alice" }))
      yield* leftBehindByDeadProcess(queued, "dead-host:3:000000", "analyzing")
      const other = yield* until(queued.id, (r) => r.status === "succeeded").pipe(
        Effect.zipRight(FakeExecutor.FakeExecutor),
        Effect.provide(withWorker(processLayer(shared, { policy: "disabled" })))
      )
      expect(timesRun(queued.id, yield* FakeExecutor.FakeExecutor, other)).toBe(1)
    }).pipe(Effect.provide(processLayer(shared)))
  })

  it.live("a read-only run left executing is run once more when so configured", () => {
    const shared = FakeRunStore.make()
    return Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const queued = yield* pyexec.submit({ code: readScript, requester: "alice" })
      yield* leftBehindByDeadProcess(queued, "dead-host:2:000000", "executing", { decision: "execute", profile: "read-only", reasons: [] })
      const [done, other] = yield* Effect.all([until(queued.id, (r) => r.status === "succeeded"), FakeExecutor.FakeExecutor]).pipe(
        Effect.provide(withWorker(processLayer(shared, { worker: { retryInterruptedReadOnly: true }, policy: "disabled" })))
      )
      expect(timesRun(queued.id, yield* FakeExecutor.FakeExecutor, other)).toBe(1)
      const events = (yield* store.checkpoints(done.id)).map((c) => c.event)
      expect(events.filter((e) => e.includes("run once more"))).toHaveLength(1)
    }).pipe(Effect.provide(processLayer(shared)))
  })
})
