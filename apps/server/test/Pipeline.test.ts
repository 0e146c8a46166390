import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { TreeSitterAnalyzer } from "@pyexec/analyzers"
import { type Approval, CodeGenerator, Errors, type ExecutionRequest, Executor, type Identity, Outcomes, Pipeline, PipelineConfig, Policy, type Run, RunStore, sha256 } from "@pyexec/core"
import { LocalExecutor } from "@pyexec/executors"
import { OllamaGenerator } from "@pyexec/generators"
import { FileNotebookWriter, PgliteStore, PostgresStore } from "@pyexec/store"
import { FakeOllama, PostgresDatabase } from "@pyexec/testing"
import { Effect, Layer, Redacted, Ref } from "effect"
import { markerFile, sharedMarkers, tempDir, timesRun } from "./support/cli.js"

type StoreLayer = Layer.Layer<RunStore.RunStore, Errors.StoreError>

const noGenerator = Layer.succeed(
  CodeGenerator.CodeGenerator,
  CodeGenerator.CodeGenerator.of({ generate: () => Effect.die("these runs carry their own code") })
)

const pipeline = (store: StoreLayer, options: { executor?: Layer.Layer<Executor.Executor>; generator?: Layer.Layer<CodeGenerator.CodeGenerator> } = {}) => {
  const runsDir = path.join(tempDir("pipeline"), "runs")
  return Pipeline.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        store,
        options.generator ?? noGenerator,
        options.executor ?? LocalExecutor.layer({ sharedFolders: sharedMarkers().folders }),
        TreeSitterAnalyzer.layer(),
        Policy.layer,
        FileNotebookWriter.layer(runsDir),
        PipelineConfig.layer({ runsDir, infraRetryDelayMs: 10 })
      )
    )
  )
}

const approve = (run: Run.Run, codeSha256 = run.attempts.at(-1)!.codeSha256): Approval.Decision => ({ codeSha256, verdict: "approved" })
const approver = (name = "approver"): Identity.Identity => ({ name, roles: ["requester", "approver"] })

const counterScript = (counter: string) =>
  `import epics\nopen(${JSON.stringify(counter)}, "a").write("ran\\n")\nif False:\n    epics.caput("X", 1)\nresults = {"ok": True}\n`
/** A run of the counter script that waits for approval, and how to read how often it ran. */
const waitingRun = (label: string, request: Partial<ExecutionRequest.ExecutionRequest> = {}) =>
  Effect.gen(function* () {
    const counter = markerFile(`${label}-count`)
    const pyexec = yield* Pipeline.Pipeline
    const waiting = yield* pyexec.run({ code: counterScript(counter), requester: "op", ...request })
    return { pyexec, waiting, runs: () => timesRun(counter) }
  })


let postgres: PostgresDatabase.TestDatabase
beforeAll(async () => {
  postgres = await PostgresDatabase.create()
})
afterAll(async () => {
  await postgres?.drop()
})

const stores: ReadonlyArray<readonly [string, () => StoreLayer]> = [
  ["PGlite", () => PgliteStore.layer()],
  ["Postgres", () => PostgresStore.layer(Redacted.make(postgres.url))]
]

for (const [name, store] of stores) {
  describe(`pipeline on ${name}`, () => {
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
      }).pipe(Effect.provide(pipeline(store()))))

    it.live("two approvals at once execute the code once; the loser is told it was already decided", () =>
      Effect.gen(function* () {
        const { pyexec, waiting, runs } = yield* waitingRun("twice")
        expect(waiting.status).toBe("awaiting_approval")
        const outcomes = yield* Effect.all([pyexec.resume(waiting.id, approve(waiting), approver("alice")), pyexec.resume(waiting.id, approve(waiting), approver("bob"))], {
          concurrency: "unbounded",
          mode: "either"
        })
        const won = outcomes.filter((o) => o._tag === "Right")
        const lost = outcomes.flatMap((o) => (o._tag === "Left" ? [o.left] : []))
        expect(won).toHaveLength(1)
        expect(lost).toHaveLength(1)
        expect(lost[0]).toMatchObject({ _tag: "ApprovalRefused", reason: "already-decided" })
        expect(runs()).toBe(1)
      }).pipe(Effect.provide(pipeline(store()))))

    it.live("a request cannot switch approvals off for itself", () =>
      Effect.gen(function* () {
        const { waiting, runs } = yield* waitingRun("loosen", { policyMode: "disabled" })
        expect(waiting.status).toBe("awaiting_approval")
        expect(runs()).toBe(0)
      }).pipe(Effect.provide(pipeline(store()))))

    it.live("a decision for other code changes nothing", () =>
      Effect.gen(function* () {
        const { pyexec, waiting, runs } = yield* waitingRun("stale")
        const refused = yield* Effect.flip(pyexec.resume(waiting.id, approve(waiting, sha256("other code")), approver()))
        expect(refused).toMatchObject({ _tag: "ApprovalRefused", reason: "stale-code" })
        const after = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get(waiting.id))
        expect(after.status).toBe("awaiting_approval")
        expect(after.version).toBe(waiting.version)
        expect(runs()).toBe(0)
      }).pipe(Effect.provide(pipeline(store()))))

    it.live("given code that raises fails with its traceback and is not regenerated", () =>
      Effect.gen(function* () {
        const pyexec = yield* Pipeline.Pipeline
        const error = yield* Effect.flip(Effect.flatMap(pyexec.run({ code: "def f():\n    raise ValueError('bad input')\nf()\n", requester: "op" }), Outcomes.orFail))
        expect(error).toMatchObject({ _tag: "ExecutionFailed", reason: "code-error" })
        expect((error as Errors.ExecutionFailed).traceback).toContain("ValueError: bad input")
        const run = yield* Effect.flatMap(RunStore.RunStore, (s) => s.get((error as Errors.ExecutionFailed).runId))
        expect(run.attempts).toHaveLength(1)
      }).pipe(Effect.provide(pipeline(store()))))
  })
}

/** An executor that fails before the code starts `failures` times, then runs it. */
const flakyExecutor = (calls: Ref.Ref<number>, failures: number, codeMayHaveRun: boolean) =>
  Layer.effect(
    Executor.Executor,
    Effect.gen(function* () {
      const local = yield* Executor.Executor
      return Executor.Executor.of({
        kind: "local",
        readOnlyBoundary: local.readOnlyBoundary,
        execute: (job) =>
          Ref.getAndUpdate(calls, (n) => n + 1).pipe(
            Effect.flatMap((n) =>
              n < failures
                ? Effect.fail(new Errors.ExecutorUnavailable({ reason: "unreachable", message: "engine down", codeMayHaveRun }))
                : local.execute(job)
            )
          )
      })
    })
  ).pipe(Layer.provide(LocalExecutor.layer()))

describe("infrastructure errors", () => {
  it.live("retry the execution, not the generation", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const ollama = yield* Effect.acquireRelease(
        Effect.promise(() => FakeOllama.start([{ content: "results = {'ok': 1}" }])),
        (s) => Effect.promise(() => s.close())
      )
      const run = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.run({ query: "ok", requester: "op" })).pipe(
        Effect.provide(
          pipeline(PgliteStore.layer(), {
            executor: flakyExecutor(calls, 2, false),
            generator: OllamaGenerator.layer({ host: ollama.url, model: "m", stream: false })
          })
        )
      )
      expect(run.status).toBe("succeeded")
      expect(yield* Ref.get(calls)).toBe(3)
      expect(ollama.chats()).toHaveLength(1)
    }).pipe(Effect.scoped))

  it.live("are not retried when the code may have started, and fail with a clear reason", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const error = yield* Effect.flip(
        Effect.flatMap(Pipeline.Pipeline, (p) => Effect.flatMap(p.run({ code: "results = {}", requester: "op" }), Outcomes.orFail)).pipe(
          Effect.provide(pipeline(PgliteStore.layer(), { executor: flakyExecutor(calls, 5, true) }))
        )
      )
      expect(error).toMatchObject({ _tag: "ExecutionFailed", reason: "infrastructure" })
      expect(error.message).toContain("engine down")
      expect(error.message).toContain("not run again")
      expect(yield* Ref.get(calls)).toBe(1)
    }))
})

describe("restarts", () => {
  it.live("a run waiting for approval survives closing and reopening the embedded database", () =>
    Effect.gen(function* () {
      const dataDir = path.join(tempDir("restart"), "db")
      const counter = markerFile("restart-count")
      const waiting = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.run({ code: counterScript(counter), requester: "op" })).pipe(
        Effect.provide(pipeline(PgliteStore.layer({ dataDir })))
      )
      expect(waiting.status).toBe("awaiting_approval")
      const done = yield* Effect.flatMap(Pipeline.Pipeline, (p) => p.resume(waiting.id, approve(waiting), approver())).pipe(
        Effect.provide(pipeline(PgliteStore.layer({ dataDir })))
      )
      expect(done.status).toBe("succeeded")
      expect(timesRun(counter)).toBe(1)
    }))
})
