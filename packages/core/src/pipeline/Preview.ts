import { Effect } from "effect"
import type { Attempt } from "../Attempt.js"
import type { Run } from "../Run.js"
import type { Preview } from "../WriteLedger.js"
import { jobOf } from "./Jobs.js"
import type { Kernel } from "./Kernel.js"

/**
 * Before a write run waits for approval, its code runs once as a preview: on the read-only path (the executor's
 * boundary), its writes recorded and not sent, a read of a channel it "wrote" giving the value it wrote. Only where
 * the executor holds runs to reading: elsewhere the code would run unapproved with nothing to stop a write.
 */
export const make =
  ({ executor, config }: Kernel) =>
  (run: Run, attempt: Attempt): Effect.Effect<Attempt> => {
    if (attempt.verdict?.profile !== "write" || executor.readOnlyBoundary._tag !== "enforced") return Effect.succeed(attempt)
    return executor.execute(jobOf(config, run, attempt, "preview")).pipe(
      Effect.map((result): Preview => {
        const writes = result.writes ?? []
        const error = result.timedOut ? "the preview ran out of time" : result.error ? `${result.error.type}: ${result.error.message}` : undefined
        return { writes, durationMs: result.durationMs, ...(error !== undefined ? { error } : {}) }
      }),
      Effect.catchAll((e) => Effect.succeed<Preview>({ writes: [], durationMs: 0, error: `the ${executor.kind} executor could not run the preview: ${e.message}` })),
      Effect.map((preview) => ({ ...attempt, preview }))
    )
  }
