import { Effect } from "effect"
import { currentAttempt, type Run } from "../Run.js"
import type { Kernel } from "./Kernel.js"
import type { Transitions } from "./Transitions.js"

/** The event of the one extra try an interrupted read-only run may get. */
const retriedEvent = "interrupted while executing, run once more"

/**
 * A run left `executing` by a process that died: the code may have run, so it is `interrupted` and a
 * person decides; a read-only run may be run once more when so configured.
 */
export const make =
  ({ store, retryInterruptedReadOnly, notify }: Kernel, { commit }: Transitions) =>
  (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)
      const retry =
        retryInterruptedReadOnly && attempt?.verdict?.profile === "read-only" && !(yield* store.checkpoints(run.id)).some((c) => c.event.startsWith(retriedEvent))
      if (retry) {
        const next = yield* commit(run, { status: "analyzing" }, `${retriedEvent} (read-only)`)
        yield* notify
        return next
      }
      return yield* commit(
        run,
        { status: "interrupted", outcome: { reason: "interrupted", message: "the process running the code stopped before it finished; the run is not started again automatically" } },
        "interrupted: its process stopped while the code ran"
      )
    })
