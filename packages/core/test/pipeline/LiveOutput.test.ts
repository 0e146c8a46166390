import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { Errors, type Executor, Pipeline, RunObserver, RunOutput, RunStore } from "../../src/index.js"
import { FakeExecutor, FakeKernel, FakeRunStore } from "../../src/testing/index.js"

interface Told {
  readonly runId: string
  readonly attempt: number
  readonly chunk: RunOutput.Chunk
  readonly phase: RunOutput.Phase
  /** The run's status in the store when the observer heard it. */
  readonly status?: string
}

const observing = (told: Array<Told>, store?: RunStore.RunStore["Type"]) =>
  Layer.succeed(
    RunObserver.RunObserver,
    RunObserver.RunObserver.of({
      onTransition: () => Effect.void,
      onOutput: (run, attempt, chunk, phase) =>
        Effect.gen(function* () {
          const status = store ? (yield* Effect.orDie(store.get(run.id))).status : undefined
          told.push({ runId: run.id, attempt, chunk, phase, ...(status ? { status } : {}) })
        })
    })
  )

/** A reply the model streams in pieces, slowly: a fenced block, as a chat model writes it. */
const replyPieces = ["```python\n", "import time\n", "results = ", "{'ok': True}\n", "```\n"]
const streamedReply = { code: "import time\nresults = {'ok': True}\n", stream: { pieces: replyPieces, everyMillis: 120 } }

/** An executor whose "code" prints, waits, prints again; it keeps the hook, to call it after the run as a stray would. */
const printing = (hooks: Array<NonNullable<Executor.ExecutionJob["onOutput"]>>): FakeExecutor.FakeExecutorOptions => ({
  run: (job) =>
    Effect.gen(function* () {
      hooks.push(job.onOutput!)
      job.onOutput?.({ stream: "stdout", text: "first\n" })
      job.onOutput?.({ stream: "stderr", text: "warn\n" })
      yield* Effect.sleep("150 millis")
      job.onOutput?.({ stream: "stdout", text: "second\n" })
      return FakeExecutor.succeeded({ ok: true }, { stdout: "first\nsecond\n", stderr: "warn\n" })
    })
})

describe("live output in the pipeline", () => {
  it.live("is stored for readers and told to the observer while the code runs, and nothing after the attempt's end", () => {
    const told: Array<Told> = []
    const hooks: Array<NonNullable<Executor.ExecutionJob["onOutput"]>> = []
    return Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const run = yield* pyexec.run({ code: "results = {'ok': True}\n", requester: "op" })
      expect(run.status).toBe("succeeded")
      const stored = yield* store.outputAfter(run.id, -1)
      expect(stored.map(({ attempt, stream, text }) => ({ attempt, stream, text }))).toEqual([
        { attempt: 1, stream: "stdout", text: "first\n" },
        { attempt: 1, stream: "stderr", text: "warn\n" },
        { attempt: 1, stream: "stdout", text: "second\n" }
      ])
      expect(told.map((t) => [t.runId, t.attempt, t.chunk.text])).toEqual([
        [run.id, 1, "first\n"],
        [run.id, 1, "warn\n"],
        [run.id, 1, "second\n"]
      ])
      // a hook called after the run is ignored
      hooks[0]!({ stream: "stdout", text: "stray\n" })
      yield* Effect.sleep("100 millis")
      expect((yield* store.outputAfter(run.id, -1)).map((e) => e.text)).not.toContain("stray\n")
      expect(told.map((t) => t.chunk.text)).not.toContain("stray\n")
    }).pipe(Effect.provide(FakeKernel.layer({ executor: printing(hooks) }).pipe(Layer.provide(observing(told)))))
  })

  it.live("the model's reply streams as it is written: stored and told as phase generation while the run generates, before its code is ready", () => {
    const told: Array<Told> = []
    const store = FakeRunStore.make()
    return Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const fiber = yield* Effect.fork(pyexec.run({ query: "say ok", requester: "op" }))
      // the first piece is in the store while the model still writes (the run still generates)
      let listed: ReadonlyArray<RunStore.RunSummary> = []
      let seen: ReadonlyArray<RunOutput.Entry> = []
      while (seen.length === 0) {
        yield* Effect.sleep("20 millis")
        listed = yield* store.list({ limit: 1 })
        if (listed[0]) seen = yield* store.outputAfter(listed[0].id, -1)
      }
      expect((yield* store.get(listed[0]!.id)).status).toBe("generating")
      expect(seen[0]).toMatchObject({ attempt: 1, phase: "generation", stream: "stdout", text: "```python\n" })

      const run = yield* Fiber.join(fiber)
      expect(run.status).toBe("succeeded")
      const stored = yield* store.outputAfter(run.id, -1)
      const reply = stored.filter((e) => e.phase === "generation")
      expect(reply.map((e) => e.text).join("")).toBe(replyPieces.join(""))
      expect(reply.every((e) => e.attempt === 1)).toBe(true)
      // in more than one batch: it came as it was written, not at the end
      expect(reply.length).toBeGreaterThan(1)
      // all of it stored before the code was ready (the transition out of generating)
      const ready = (yield* store.checkpoints(run.id)).find((c) => c.fromStatus === "generating")!
      expect(reply.every((e) => e.at <= ready.at)).toBe(true)
      // told to the observer, once, as the reply, each piece while the run still generated
      const toldReply = told.filter((t) => t.phase === "generation")
      expect(toldReply.map((t) => t.chunk.text).join("")).toBe(replyPieces.join(""))
      expect(toldReply.every((t) => t.runId === run.id && t.attempt === 1 && t.status === "generating")).toBe(true)
    }).pipe(Effect.provide(FakeKernel.layer({ store, generator: [streamedReply] }).pipe(Layer.provide(observing(told, store)))))
  })

  it.live("a reply that ends in a failure keeps what came, and the run fails; the next attempt's reply is its own", () => {
    const told: Array<Told> = []
    const store = FakeRunStore.make()
    return Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const failed = yield* pyexec.run({ query: "the model server goes away", requester: "op" })
      expect(failed.status).toBe("failed")
      const cut = yield* store.outputAfter(failed.id, -1)
      expect(cut.every((e) => e.phase === "generation")).toBe(true)
      expect(cut.map((e) => e.text).join("")).toBe("```python\nimport")
      // a code error sends the run back to the model: attempt 2's reply is stored and told as attempt 2's
      const retried = yield* pyexec.run({ query: "retry", requester: "op" })
      expect(retried.attempts).toHaveLength(2)
      const reply = (yield* store.outputAfter(retried.id, -1)).filter((e) => e.phase === "generation")
      expect([...new Set(reply.map((e) => e.attempt))]).toEqual([1, 2])
      expect(reply.filter((e) => e.attempt === 2).map((e) => e.text).join("")).toBe("second try")
      expect(told.filter((t) => t.runId === retried.id && t.attempt === 2).map((t) => t.chunk.text).join("")).toBe("second try")
    }).pipe(
      Effect.provide(
        FakeKernel.layer({
          store,
          generator: [
            { fail: "unreachable", stream: { pieces: ["```python\n", "import"], everyMillis: 20 } },
            { code: "raise RuntimeError('no')", stream: { pieces: ["first"], everyMillis: 20 } },
            { code: "results = {'ok': True}", stream: { pieces: ["second", " try"], everyMillis: 20 } }
          ],
          executor: {
            run: (job) => (job.code.includes("RuntimeError") ? FakeExecutor.raised("RuntimeError", "no") : FakeExecutor.succeeded({ ok: true }))
          }
        }).pipe(Layer.provide(observing(told, store)))
      )
    )
  })

  it.live("a run interrupted while its code prints (Ctrl-C) keeps what was printed and ends interrupted, not executing", () => {
    const printingForever: FakeExecutor.FakeExecutorOptions = {
      run: (job) =>
        Effect.gen(function* () {
          job.onOutput?.({ stream: "stdout", text: "working\n" })
          return yield* Effect.never
        })
    }
    return Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const pyexec = yield* Pipeline.Pipeline
      const fiber = yield* Effect.fork(pyexec.run({ code: "results = {'ok': True}\n", requester: "op" }))
      let listed: ReadonlyArray<RunStore.RunSummary> = []
      while (listed[0]?.status !== "executing") {
        yield* Effect.sleep("20 millis")
        listed = yield* store.list({ limit: 1 })
      }
      yield* Effect.sleep("200 millis")
      yield* Fiber.interrupt(fiber)
      const run = yield* store.get(listed[0]!.id)
      expect(run.status).toBe("interrupted")
      expect((yield* store.outputAfter(run.id, -1)).map((e) => e.text)).toEqual(["working\n"])
    }).pipe(Effect.provide(FakeKernel.layer({ executor: printingForever })))
  })

  it.live("a store that hangs on live output neither holds the run back for long nor fails it", () => {
    const hooks: Array<NonNullable<Executor.ExecutionJob["onOutput"]>> = []
    const base = FakeRunStore.make()
    const hanging: RunStore.RunStore["Type"] = { ...base, appendOutput: () => Effect.never }
    return Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const started = Date.now()
      const run = yield* pyexec.run({ code: "results = {'ok': True}\n", requester: "op" })
      expect(run.status).toBe("succeeded")
      expect(Date.now() - started).toBeLessThan(RunOutput.defaults.finalFlushMillis + 5_000)
    }).pipe(Effect.provide(FakeKernel.layer({ store: hanging, executor: printing(hooks) })))
  })

  it.live("a store that refuses live output does not fail the run", () => {
    const hooks: Array<NonNullable<Executor.ExecutionJob["onOutput"]>> = []
    const base = FakeRunStore.make()
    const failing: RunStore.RunStore["Type"] = { ...base, appendOutput: () => Effect.fail(new Errors.StoreError({ reason: "unavailable", message: "store: down" })) }
    return Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const run = yield* pyexec.run({ code: "results = {'ok': True}\n", requester: "op" })
      expect(run.status).toBe("succeeded")
    }).pipe(Effect.provide(FakeKernel.layer({ store: failing, executor: printing(hooks) })))
  })

  it("a batch merges neighbours of a stream and keeps each stream's newest bytes", () => {
    expect(
      RunOutput.coalesce([
        { stream: "stdout", text: "a" },
        { stream: "stdout", text: "b" },
        { stream: "stderr", text: "c" },
        { stream: "stdout", text: "" },
        { stream: "stdout", text: "d" }
      ])
    ).toEqual([
      { stream: "stdout", text: "ab" },
      { stream: "stderr", text: "c" },
      { stream: "stdout", text: "d" }
    ])
    const big = RunOutput.coalesce([
      { stream: "stdout", text: "x".repeat(10) },
      { stream: "stderr", text: "kept" },
      { stream: "stdout", text: `${"é".repeat(10)}END` }
    ], 8)
    // the newest 8 bytes of stdout: "ééEND" (7, a character is not cut) and one "x"; what went is said first
    expect(big).toEqual([
      { stream: "stdout", text: RunOutput.skippedLine(25) },
      { stream: "stdout", text: "x" },
      { stream: "stderr", text: "kept" },
      { stream: "stdout", text: "ééEND" }
    ])
  })
})
