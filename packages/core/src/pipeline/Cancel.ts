import { Effect, Fiber, Option } from "effect"
import type { Run } from "../Run.js"
import { isEnded } from "../RunStatus.js"
import type { CancelRequest } from "../RunStore.js"
import type { Records } from "./Kernel.js"
import type { Transitions } from "./Transitions.js"

/**
 * Cancelling a run. A person asks (Decisions.cancel): the request is stored beside the run, outside its
 * transitions. The process that drives the run watches for it and stops whatever it does, the code included; a
 * run that no process drives is ended by the one who asked.
 */
export const make = ({ store }: Records, { finish }: Transitions) => {
  /** Ends the run as cancelled, as it is now (a transition another process stored first is read again). */
  const end = (run: Run, request: CancelRequest) => {
    // the run is there: whoever ends it holds it, and runs are never deleted
    const once = Effect.flatMap(Effect.catchTag(store.get(run.id), "RunNotFound", Effect.die), (latest) => {
      if (isEnded(latest.status)) return Effect.succeed(latest)
      const stopped = latest.status === "executing" ? ": its code was stopped" : ""
      const message = `cancelled by ${request.by}${stopped}`
      return finish(latest, "cancelled", { outcome: { reason: "cancelled", message } }, message, undefined, request.by)
    })
    return once.pipe(Effect.retry({ while: (e) => e._tag === "StaleRun", times: 5 }))
  }

  /** Waits for a request to cancel the run; never fails (a store that does not answer is asked again). */
  const requested = (run: Run) =>
    Effect.gen(function* () {
      for (;;) {
        const request = yield* store.cancelRequest(run.id).pipe(Effect.orElseSucceed(() => Option.none<CancelRequest>()))
        if (Option.isSome(request)) return request.value
        yield* Effect.sleep("250 millis")
      }
    })

  /**
   * Drives the run until it rests, or until someone asks to cancel it: then the drive is stopped (its code too) and
   * the run ends cancelled. Stopped from outside (Ctrl-C, shutdown), it waits for the drive to wind down, as the
   * drive alone would: an execution that is interrupted stores so before this returns.
   */
  const watched =
    <E, R>(drive: (run: Run) => Effect.Effect<Run, E, R>) =>
    (run: Run) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function* () {
          const driving = yield* Effect.forkDaemon(restore(drive(run)))
          const watching = yield* Effect.forkDaemon(restore(requested(run)))
          // Fiber.interrupt waits for the fiber to end, finalizers and all
          const stop = Effect.zipRight(Fiber.interrupt(watching), Fiber.interrupt(driving))
          const first = yield* restore(
            Effect.raceFirst(
              Effect.map(Fiber.join(driving), (done) => ({ done })),
              Effect.map(Fiber.join(watching), (request) => ({ request }))
            )
          ).pipe(Effect.ensuring(stop))
          return yield* "done" in first ? Effect.succeed(first.done) : end(run, first.request)
        })
      )

  return { end, watched }
}

export type Cancel = ReturnType<typeof make>
