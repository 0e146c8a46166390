import { Effect } from "effect"
import type { Attempt, AttemptError } from "../Attempt.js"
import type { AttemptFeedback } from "../CodeGenerator.js"
import { cutMiddle } from "../internal/traceback.js"
import type { Run, RunOutcome } from "../Run.js"
import type { Kernel } from "./Kernel.js"
import type { Transitions } from "./Transitions.js"

/** What the earlier attempts did wrong, for the generator's next prompt. */
export const feedbackOf = (run: Run): ReadonlyArray<AttemptFeedback> =>
  run.attempts.flatMap((a) =>
    a.error
      ? [{ attempt: a.number, kind: a.error.kind, message: a.error.message, code: a.code, ...(a.error.traceback ? { traceback: cutMiddle(a.error.traceback) } : {}) }]
      : []
  )

const outcomeReason = (error: AttemptError): RunOutcome["reason"] =>
  error.kind === "timeout"
    ? "timeout"
    : error.kind === "limit"
      ? "channel-limit"
      : error.kind === "integrity"
        ? "infrastructure"
        : error.kind === "write"
          ? "write-failed"
          : error.kind === "review"
            ? "rejected"
            : "code-error"

/**
 * Errors another attempt must not follow by itself: a broken channel limit (other code would need a new approval
 * anyway), code that was not the approved code, writes that did not all hold (the machine may be half-changed).
 */
const final = (error: AttemptError) => error.kind === "limit" || error.kind === "integrity" || error.kind === "write"

/** After a code error: back to the generator while attempts remain, else the run fails. */
export const make = ({ config }: Kernel, { commit, finish, noteAttempt, withAttempt }: Transitions) => {
  const maxAttemptsOf = (run: Run) => run.request.maxAttempts ?? config.maxAttempts
  const canRegenerate = (run: Run) => run.request.code === undefined && run.attempts.length < maxAttemptsOf(run)

  return (run: Run, attempt: Attempt, error: AttemptError) =>
    noteAttempt(run, { ...attempt, error }).pipe(
      Effect.flatMap((noted) => {
        const attempts = withAttempt(run, noted)
        if (!final(error) && canRegenerate({ ...run, attempts })) {
          return commit(run, { status: "generating", attempts }, `attempt ${attempt.number}: ${error.kind} error, regenerating`)
        }
        const exhausted = run.request.code === undefined && !final(error)
        const message = exhausted ? `${error.message} (attempt ${attempt.number} of ${maxAttemptsOf(run)}; no attempts left)` : error.message
        return finish(run, "failed", { attempts, outcome: { reason: outcomeReason(error), message } }, `attempt ${attempt.number}: ${error.kind} error, run failed`)
      })
    )
}

export type AfterCodeError = ReturnType<typeof make>
