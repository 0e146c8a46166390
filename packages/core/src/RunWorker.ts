import { Cause, Context, Effect, Layer, Option } from "effect"
import { ApprovalRules } from "./ApprovalRules.js"
import { whileHeld } from "./pipeline/Claims.js"
import { Pipeline } from "./pipeline/Pipeline.js"
import type { Run } from "./Run.js"
import { groups } from "./RunStatus.js"
import { type Claim, RunStore } from "./RunStore.js"
import { WorkerConfig } from "./WorkerConfig.js"
import { WorkSignal } from "./WorkSignal.js"

/**
 * The work loop of a server process. Every process on one store runs one: each claims runs that can move
 * (queued, generating, analyzing, approved) and drives them, so processes share the work and a run is
 * driven by one process at a time. It also ends runs a dead process left `executing`, and expires runs
 * that waited too long for approval.
 */
export class RunWorker extends Context.Tag("@pyexec/core/RunWorker")<
  RunWorker,
  {
    readonly worker: string
    /** Look for work now rather than at the next poll. */
    readonly wake: Effect.Effect<void>
  }
>() {}

const logged = (what: string) => (cause: Cause.Cause<unknown>) =>
  Cause.isInterruptedOnly(cause) ? Effect.void : Effect.logWarning(`worker: ${what}`, Cause.pretty(cause))

export const make = Effect.gen(function* () {
  const store = yield* RunStore
  const pipeline = yield* Pipeline
  const settings = yield* WorkerConfig
  const signal = yield* WorkSignal
  const rules = yield* ApprovalRules
  const claim: Claim = { worker: settings.worker, leaseMs: settings.leaseMs }
  const permits = yield* Effect.makeSemaphore(settings.concurrency)
  const scope = yield* Effect.scope

  const drive = (run: Run) =>
    whileHeld(store, claim, run, pipeline.continue).pipe(
      // a run moved on by another process (its lease ran out) is that one's now
      Effect.catchTag("StaleRun", () => Effect.void),
      Effect.catchAllCause(logged(`driving run ${run.id}`))
    )

  /** Claims one run and drives it in the background; false when there was nothing to claim. */
  const next = Effect.gen(function* () {
    yield* permits.take(1)
    const claimed = yield* store.claim(claim, { statuses: groups.claimable }).pipe(
      Effect.tapErrorCause(logged("claiming work")),
      Effect.orElseSucceed(() => Option.none<Run>())
    )
    if (Option.isNone(claimed)) {
      yield* permits.release(1)
      return false
    }
    yield* drive(claimed.value).pipe(Effect.ensuring(permits.release(1)), Effect.forkIn(scope))
    return true
  })

  const sweep = Effect.gen(function* () {
    for (const run of yield* store.unheld("executing")) {
      yield* pipeline.abandoned(run).pipe(Effect.catchTag("StaleRun", () => Effect.void))
    }
    const hours = rules.settings.expiryHours
    if (hours !== undefined) {
      const before = new Date(Date.now() - hours * 3_600_000).toISOString()
      for (const run of yield* store.waitingSince(before)) {
        yield* pipeline.expire(run).pipe(Effect.catchTag("StaleRun", () => Effect.void))
      }
    }
  }).pipe(Effect.catchAllCause(logged("looking for abandoned and expired runs")))

  const loop = Effect.gen(function* () {
    let lastSweep = 0
    for (;;) {
      if (Date.now() - lastSweep >= settings.sweepMs) {
        lastSweep = Date.now()
        yield* sweep
      }
      if (!(yield* next)) yield* signal.wait(Math.min(settings.pollMs, settings.sweepMs))
    }
  })
  yield* Effect.forkIn(loop, scope)

  return RunWorker.of({ worker: settings.worker, wake: signal.notify })
})

/** Starts the loop for as long as the layer's scope lasts. Needs the pipeline built with the same WorkSignal. */
export const layer = Layer.scoped(RunWorker, make)
