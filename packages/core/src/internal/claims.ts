import { Duration, Effect, Schedule } from "effect"
import type { Run } from "../Run.js"
import type { Claim, RunStore } from "../RunStore.js"

/**
 * Runs `use` while this process holds the run's claim: the lease is renewed in the background and
 * released at the end, however it ends. A process killed outright renews nothing: its lease runs out.
 */
export const whileHeld = <A, E, R>(
  store: RunStore["Type"],
  claim: Claim,
  run: Run,
  use: (run: Run) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.scoped(
    Effect.gen(function* () {
      yield* Effect.addFinalizer(() => Effect.ignore(store.release(run.id, claim.worker)))
      yield* store.renew(run.id, claim).pipe(
        Effect.ignore,
        Effect.repeat(Schedule.spaced(Duration.millis(Math.max(100, Math.floor(claim.leaseMs / 3))))),
        Effect.forkScoped
      )
      return yield* use(run)
    })
  )
