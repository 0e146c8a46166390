import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { TreeSitterAnalyzer } from "@pyexec/analyzers"
import { type Approval, CodeGenerator, type Errors, type ExecutionRequest, type Identity, Pipeline, PipelineConfig, Policy, type Run, type RunStore } from "@pyexec/core"
import { LocalExecutor } from "@pyexec/executors"
import { FileNotebookWriter, PgliteStore, PostgresStore } from "@pyexec/store"
import { PostgresDatabase } from "@pyexec/testing"
import { Effect, Layer, Redacted } from "effect"
import { markerFile, sharedMarkers, tempDir, timesRun } from "./support/cli.js"

// The kernel's cases run on fakes in packages/core/test/pipeline. These are the ones whose point is the real parts:
// at most once on each SQL store with concurrent approvals, and a wait that survives reopening the embedded database.
type StoreLayer = Layer.Layer<RunStore.RunStore, Errors.StoreError>

const noGenerator = Layer.succeed(
  CodeGenerator.CodeGenerator,
  CodeGenerator.CodeGenerator.of({ generate: () => Effect.die("these runs carry their own code") })
)

const pipeline = (store: StoreLayer) => {
  const runsDir = path.join(tempDir("pipeline"), "runs")
  return Pipeline.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        store,
        noGenerator,
        LocalExecutor.layer({ sharedFolders: sharedMarkers().folders }),
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
  })
}

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
