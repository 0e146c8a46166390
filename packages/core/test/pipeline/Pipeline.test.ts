import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type Approval, type Errors, type ExecutionRequest, type Executor, type Identity, Outcomes, Pipeline, type Run, RunStore, sha256, type WriteLedger } from "../../src/index.js"
import { FakeAnalyzer, FakeExecutor, FakeGenerator, FakeKernel } from "../../src/testing/index.js"

const approve = (run: Run.Run, codeSha256 = run.attempts.at(-1)!.codeSha256): Approval.Decision => ({ codeSha256, verdict: "approved" })
const approver = (name = "approver"): Identity.Identity => ({ name, roles: ["requester", "approver"] })

/** How often the fake executor ran the run's code for real (its preview, on the read-only path, is not a run). */
const timesRun = (runId: string) => Effect.map(FakeExecutor.FakeExecutor, (executor) => executor.jobs().filter((job) => job.runId === runId && !job.preview).length)

const writeScript = `import epics\nepics.caput("X", 1)\nresults = {"ok": True}\n`
/** A run of code that writes to EPICS, so it waits for approval. */
const waitingRun = (request: Partial<ExecutionRequest.ExecutionRequest> = {}) =>
  Effect.gen(function* () {
    const pyexec = yield* Pipeline.Pipeline
    const waiting = yield* pyexec.run({ code: writeScript, requester: "op", ...request })
    return { pyexec, waiting }
  })

/** An executor that fails before the code starts `failures` times, then runs it. */
const flaky = (failures: number, codeMayHaveRun: boolean): FakeExecutor.FakeExecutorOptions => {
  let calls = 0
  return { run: () => (++calls <= failures ? FakeExecutor.unavailable("unreachable", codeMayHaveRun, "engine down") : FakeExecutor.succeeded({ ok: 1 })) }
}

describe("pipeline", () => {
  it.live("runs read-only code straight through and checkpoints every transition", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const run = yield* pyexec.run({ code: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nresults = {'n': 2}\n", requester: "op" })
      expect(run.status).toBe("succeeded")
      expect(run.attempts[0]?.result?.results).toEqual({ n: 2 })
      expect(run.attempts[0]?.result?.figures).toHaveLength(1)
      const checkpoints = yield* Effect.flatMap(RunStore.RunStore, (s) => s.checkpoints(run.id))
      expect(checkpoints.map((c) => c.toStatus)).toEqual(["queued", "analyzing", "executing", "succeeded"])
      expect(checkpoints.map((c) => c.seq)).toEqual([0, 1, 2, 3])
      expect(yield* Effect.flatMap(RunStore.RunStore, (s) => s.get(run.id))).toEqual(run)
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: (job) => FakeExecutor.succeeded({ n: 2 }, { figures: [path.join(job.workDir, "figure-1.png")] }) } }))))

  it.live("a request cannot switch approvals off for itself", () =>
    Effect.gen(function* () {
      const { waiting } = yield* waitingRun({ policyMode: "disabled" })
      expect(waiting.status).toBe("awaiting_approval")
      expect(yield* timesRun(waiting.id)).toBe(0)
    }).pipe(Effect.provide(FakeKernel.layer())))

  it.live("a decision for other code changes nothing", () =>
    Effect.gen(function* () {
      const { pyexec, waiting } = yield* waitingRun()
      const refused = yield* Effect.flip(pyexec.resume(waiting.id, approve(waiting, sha256("other code")), approver()))
      expect(refused).toMatchObject({ _tag: "ApprovalRefused", reason: "stale-code" })
      const after = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get(waiting.id))
      expect(after.status).toBe("awaiting_approval")
      expect(after.version).toBe(waiting.version)
      expect(yield* timesRun(waiting.id)).toBe(0)
    }).pipe(Effect.provide(FakeKernel.layer())))

  it.live("given code that raises fails with its traceback and is not regenerated", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const error = yield* Effect.flip(Effect.flatMap(pyexec.run({ code: "def f():\n    raise ValueError('bad input')\nf()\n", requester: "op" }), Outcomes.orFail))
      expect(error).toMatchObject({ _tag: "ExecutionFailed", reason: "code-error" })
      expect((error as Errors.ExecutionFailed).traceback).toContain("ValueError: bad input")
      const run = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get((error as Errors.ExecutionFailed).runId))
      expect(run.attempts).toHaveLength(1)
      expect((yield* FakeGenerator.FakeGenerator).inputs()).toHaveLength(0)
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: () => FakeExecutor.raised("ValueError", "bad input") } }))))
})

describe("infrastructure errors", () => {
  it.live("retry the execution, not the generation", () =>
    Effect.gen(function* () {
      const run = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.run({ query: "ok", requester: "op" }))
      expect(run.status).toBe("succeeded")
      expect(yield* timesRun(run.id)).toBe(3)
      expect((yield* FakeGenerator.FakeGenerator).inputs()).toHaveLength(1)
    }).pipe(Effect.provide(FakeKernel.layer({ executor: flaky(2, false), generator: [{ code: "results = {'ok': 1}" }] }))))

  it.live("are not retried when the code may have started, and fail with a clear reason", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.flatMap(Pipeline.Pipeline, (p) => Effect.flatMap(p.run({ code: "results = {}", requester: "op" }), Outcomes.orFail)))
      expect(error).toMatchObject({ _tag: "ExecutionFailed", reason: "infrastructure" })
      expect(error.message).toContain("engine down")
      expect(error.message).toContain("not run again")
      expect((yield* FakeExecutor.FakeExecutor).jobs()).toHaveLength(1)
    }).pipe(Effect.provide(FakeKernel.layer({ executor: flaky(5, true) }))))
})

describe("the code that runs is the code approved, where the reviewer was told", () => {
  it.live("a request naming another executor than the server's is refused before a run is made", () =>
    Effect.gen(function* () {
      const pipeline = yield* Pipeline.Pipeline
      const refused = yield* Effect.flip(pipeline.run({ code: "results = {}", requester: "op", executor: "container" }))
      expect(refused).toMatchObject({ _tag: "ExecutorNotServed", requested: "container", served: "local" })
      expect(refused.message).toContain("runs code with the local executor")
      expect(yield* Effect.flip(pipeline.submit({ code: "results = {}", requester: "op", executor: "ssh" }))).toMatchObject({ _tag: "ExecutorNotServed" })
      expect(yield* Effect.flatMap(RunStore.RunStore, (s) => s.list())).toEqual([])
      expect((yield* FakeExecutor.FakeExecutor).jobs()).toEqual([])
      const named = yield* pipeline.run({ code: "results = {}", requester: "op", executor: "local" })
      expect(named.status).toBe("succeeded")
      expect(named.attempts[0]?.executor).toBe("local")
    }).pipe(Effect.provide(FakeKernel.layer())))

  it.live("the job names the approved code's SHA-256; code the runner finds is other code fails for good, not regenerated", () =>
    Effect.gen(function* () {
      const pipeline = yield* Pipeline.Pipeline
      const run = yield* pipeline.run({ query: "mean current", requester: "op" })
      expect(run.status).toBe("failed")
      expect(run.outcome?.reason).toBe("infrastructure")
      expect(run.attempts).toHaveLength(1)
      expect(run.attempts[0]?.error?.kind).toBe("integrity")
      const [job] = (yield* FakeExecutor.FakeExecutor).jobs()
      expect(job?.codeSha256).toBe(run.attempts[0]?.codeSha256)
      expect((yield* FakeGenerator.FakeGenerator).inputs()).toHaveLength(1)
    }).pipe(
      Effect.provide(
        FakeKernel.layer({
          generator: [{ code: "results = {'a': 1}" }, { code: "results = {'a': 2}" }],
          // what a runner reports when the code file it finds is not the code approved
          executor: { run: (job) => FakeExecutor.raised("CodeNotApproved", `the code to run is not the approved ${job.codeSha256}: it was not run`, "") }
        })
      )
    ))
})

describe("truthful outcomes of write runs", () => {
  const write = (state: WriteLedger.WriteState, channel = "SR:Q01:CURRENT_SP"): WriteLedger.WriteRecord => ({ channel, protocol: "ca", library: "pyepics", value: 12, at: "2026-01-01T00:00:00.000Z", state })

  it.live("writes that did not all hold end the run failed (write-failed), naming them, and nothing is regenerated", () =>
    Effect.gen(function* () {
      const pipeline = yield* Pipeline.Pipeline
      const waiting = yield* pipeline.run({ query: "set the quadrupoles", requester: "op" })
      expect(waiting.status).toBe("awaiting_approval")
      const run = yield* pipeline.resume(waiting.id, approve(waiting), approver())
      expect(run.status).toBe("failed")
      expect(run.outcome?.reason).toBe("write-failed")
      expect(run.outcome?.message).toContain("1 of 2 writes did not hold: SR:Q02:CURRENT_SP := 12 (not-connected)")
      expect(run.attempts).toHaveLength(1)
      expect(run.attempts[0]?.result?.writes?.map((w) => w.state)).toEqual(["completed", "not-connected"])
      expect((yield* FakeGenerator.FakeGenerator).inputs()).toHaveLength(1)
    }).pipe(
      Effect.provide(
        FakeKernel.layer({
          generator: [{ code: writeScript }, { code: writeScript }],
          executor: { run: () => FakeExecutor.succeeded({}, { writes: [write("completed"), write("not-connected", "SR:Q02:CURRENT_SP")] }) }
        })
      )
    ))

  it.live("writes that all held (sent, completed, verified) let the run succeed", () =>
    Effect.gen(function* () {
      const { pyexec, waiting } = yield* waitingRun()
      const run = yield* pyexec.resume(waiting.id, approve(waiting), approver())
      expect(run.status).toBe("succeeded")
      expect(run.attempts[0]?.result?.writes).toHaveLength(3)
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: () => FakeExecutor.succeeded({}, { writes: [write("sent"), write("completed"), write("verified")] }) } }))))
})

describe("the preview of a write run", () => {
  const planned = (channel: string, before: number, value: number): WriteLedger.WriteRecord => ({ channel, protocol: "ca", library: "pyepics", before, value, at: "2026-01-01T00:00:00.000Z", state: "planned" })
  /** An executor that previews a ramp of SR:Q01 in two steps, and runs whatever it is asked as it would. */
  const ramp = (job: Executor.ExecutionJob) =>
    job.preview ? FakeExecutor.succeeded({}, { writes: [planned("SR:Q01:CURRENT_SP", 10, 11), planned("SR:Q01:CURRENT_SP", 11, 12)] }) : FakeExecutor.succeeded({})

  it.live("runs before the run waits, on the read-only profile; the approved run is given the plan to hold to", () =>
    Effect.gen(function* () {
      const { pyexec, waiting } = yield* waitingRun()
      expect(waiting.status).toBe("awaiting_approval")
      expect(waiting.attempts[0]?.preview?.writes.map((w) => [w.channel, w.before, w.value, w.state])).toEqual([
        ["SR:Q01:CURRENT_SP", 10, 11, "planned"],
        ["SR:Q01:CURRENT_SP", 11, 12, "planned"]
      ])
      yield* pyexec.resume(waiting.id, approve(waiting), approver())
      const [preview, real] = (yield* FakeExecutor.FakeExecutor).jobs()
      expect(preview).toMatchObject({ preview: true, profile: "read-only" })
      expect(preview?.workDir.endsWith("-preview")).toBe(true)
      expect(real).toMatchObject({ profile: "write", plan: [{ channel: "SR:Q01:CURRENT_SP", value: 11 }, { channel: "SR:Q01:CURRENT_SP", value: 12 }] })
      expect(real?.preview).toBeUndefined()
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: ramp } }))))

  it.live("is not made where the executor has no read-only boundary: the code would run unapproved with nothing to stop a write", () =>
    Effect.gen(function* () {
      const { waiting } = yield* waitingRun()
      expect(waiting.status).toBe("awaiting_approval")
      expect(waiting.attempts[0]?.preview).toBeUndefined()
      expect((yield* FakeExecutor.FakeExecutor).jobs()).toEqual([])
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: ramp, boundary: { _tag: "missing", reason: "no sandbox here" } } }))))

  it.live("is not made for code that also needs a person for what a preview cannot see (a process, a socket)", () =>
    Effect.gen(function* () {
      const { waiting } = yield* waitingRun({ code: `import subprocess\nsubprocess.run(["caput", "X", "1"])\n${writeScript}` })
      expect(waiting.status).toBe("awaiting_approval")
      expect(waiting.attempts[0]?.verdict?.profile).toBe("write")
      expect(waiting.attempts[0]?.preview).toBeUndefined()
      expect((yield* FakeExecutor.FakeExecutor).jobs()).toEqual([])
    }).pipe(
      Effect.provide(
        FakeKernel.layer({
          executor: { run: ramp },
          analyzer: [...FakeAnalyzer.defaultRules, { match: /subprocess\.run/, category: "process", rule: "PY001", message: "starts a process" }]
        })
      )
    ))

  it.live("that fails says so on the attempt, and the run still waits for a person; approved, it runs without a plan", () =>
    Effect.gen(function* () {
      const { pyexec, waiting } = yield* waitingRun()
      expect(waiting.status).toBe("awaiting_approval")
      expect(waiting.attempts[0]?.preview?.error).toContain("ZeroDivisionError: division by zero")
      const done = yield* pyexec.resume(waiting.id, approve(waiting), approver())
      expect(done.status).toBe("succeeded")
      expect((yield* FakeExecutor.FakeExecutor).jobs()[1]?.plan).toBeUndefined()
    }).pipe(Effect.provide(FakeKernel.layer({ executor: { run: (job) => (job.preview ? FakeExecutor.raised("ZeroDivisionError", "division by zero") : FakeExecutor.succeeded({})) } }))))
})

