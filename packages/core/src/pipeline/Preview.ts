import { Effect } from "effect"
import type { Attempt } from "../Attempt.js"
import type { Run } from "../Run.js"
import type { Preview } from "../WriteLedger.js"
import { inputFilesOf, jobOf } from "./Jobs.js"
import type { Kernel } from "./Kernel.js"
import * as LiveOutput from "./LiveOutput.js"

/**
 * Whether a preview can show what the code would change: it writes through the EPICS client libraries the runner
 * records, and does nothing else that needs a person (a process, a socket, a module pyexec does not know), whose
 * writes a preview could not see.
 */
const previewable = (attempt: Attempt): boolean =>
  attempt.verdict?.profile === "write" && (attempt.analysis?.findings ?? []).every((f) => f.severity !== "error" || f.category === "epics-write")

/**
 * Before a write run waits for approval, its code runs once as a preview: on the read-only path (the executor's
 * boundary), its writes recorded and not sent, a read of a channel it "wrote" giving the value it wrote, for at most
 * `previewTimeoutMs`. Only where the executor holds runs to reading: elsewhere the code would run unapproved with
 * nothing to stop a write.
 */
export const make =
  (kernel: Kernel) =>
  (run: Run, attempt: Attempt): Effect.Effect<Attempt> => {
    const { executor, config } = kernel
    if (!previewable(attempt) || executor.readOnlyBoundary._tag !== "enforced") return Effect.succeed(attempt)
    const job = jobOf(config, run, attempt, "preview")
    return Effect.gen(function* () {
      const inputFiles = yield* inputFilesOf(kernel.store, run)
      if (inputFiles._tag === "Left") return yield* Effect.fail(inputFiles.left)
      // what the preview prints, as it comes, as a run's output does (marked as the preview's)
      const live = yield* LiveOutput.start(kernel, run, attempt.number, "preview")
      return yield* executor
        .execute({ ...job, inputFiles: inputFiles.right, timeoutMs: Math.min(job.timeoutMs, config.previewTimeoutMs), onOutput: live.offer })
        .pipe(Effect.ensuring(live.close))
    }).pipe(
      Effect.map((result): Preview => {
        const writes = result.writes ?? []
        const error = result.timedOut ? "the preview ran out of time" : result.error ? `${result.error.type}: ${result.error.message}` : undefined
        return { writes, durationMs: result.durationMs, ...(error !== undefined ? { error } : {}) }
      }),
      Effect.catchAll((e) =>
        Effect.succeed<Preview>({ writes: [], durationMs: 0, error: typeof e === "string" ? e : `the ${executor.kind} executor could not run the preview: ${e.message}` })
      ),
      Effect.map((preview) => ({ ...attempt, preview }))
    )
  }
