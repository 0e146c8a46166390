import { Duration, Effect, Option, Schedule } from "effect"
import type { RunNotFound, StoreError } from "../Errors.js"
import type { RunId } from "../Ids.js"
import type { Run } from "../Run.js"
import { isMoving } from "../RunStatus.js"
import type { Claim, RunStore } from "../RunStore.js"

/**
 * Runs `use` while this process holds the run's claim: the lease is renewed in the background and
 * released at the end, however it ends. A process killed outright renews nothing: its lease runs out.
 */
export const whileHeld = <A, E, R>(store: RunStore["Type"], claim: Claim, run: Run, use: (run: Run) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.scoped(
    Effect.gen(function* () {
      yield* Effect.addFinalizer(() => Effect.ignore(store.release(run.id, claim.worker)))
      yield* store.renew(run.id, claim).pipe(Effect.ignore, Effect.repeat(Schedule.spaced(Duration.millis(Math.max(100, Math.floor(claim.leaseMs / 3))))), Effect.forkScoped)
      return yield* use(run)
    })
  )

/** Waits until another process has driven the run to rest. */
const restingElsewhere = (store: RunStore["Type"], runId: RunId) =>
  Effect.gen(function* () {
    let run = yield* store.get(runId)
    while (isMoving(run.status)) {
      yield* Effect.sleep("200 millis")
      run = yield* store.get(runId)
    }
    return run
  })

/** Drives a run while this process holds its claim; when another process holds it, waits for that one. */
export const driveHeld = <E, R>(store: RunStore["Type"], claim: Claim, run: Run, drive: (run: Run) => Effect.Effect<Run, E, R>) =>
  Effect.flatMap(store.claim(claim, { runId: run.id }), (held): Effect.Effect<Run, E | RunNotFound | StoreError, R> =>
    Option.isNone(held) ? restingElsewhere(store, run.id) : whileHeld(store, claim, held.value, drive)
  )
