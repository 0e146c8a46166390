import { Effect, Option } from "effect"
import { AnalysisBlocked, ApprovalRejected, ExecutionFailed, GenerationFailed, type GenerationFailure } from "../Errors.js"
import { currentAttempt, type Run, type RunOutcome } from "../Run.js"

/** How a run can end without success, as a typed error for callers that want one (see `failureOf`). */
export type RunError = GenerationFailed | AnalysisBlocked | ApprovalRejected | ExecutionFailed

const generationPrefix = "generation-"

/** The outcome of a run whose generator gave no code. */
export const generationFailed = (e: GenerationFailed): RunOutcome => ({ reason: `${generationPrefix}${e.reason}`, message: e.message })

/** Why the generator gave no code, when that is how the run ended. */
const generationFailure = (outcome: RunOutcome | undefined): GenerationFailure | undefined =>
  outcome?.reason.startsWith(generationPrefix) ? (outcome.reason.slice(generationPrefix.length) as GenerationFailure) : undefined

/**
 * A run that ended badly as the error a caller can act on; none for a run that succeeded or has not ended (it waits
 * for a person, or was interrupted).
 */
export const failureOf = (run: Run): Option.Option<RunError> => {
  const message = run.outcome?.message ?? run.status
  const attempt = currentAttempt(run)
  switch (run.status) {
    case "blocked":
      return Option.some(new AnalysisBlocked({ runId: run.id, message, findings: attempt?.analysis?.findings ?? [] }))
    case "rejected":
      return Option.some(new ApprovalRejected({ runId: run.id, decidedBy: attempt?.approval?.decidedBy ?? "unknown", message }))
    case "failed":
    case "expired": {
      const generation = generationFailure(run.outcome)
      if (generation !== undefined) return Option.some(new GenerationFailed({ reason: generation, message, runId: run.id }))
      const reason = run.outcome?.reason
      return Option.some(
        new ExecutionFailed({
          runId: run.id,
          reason: reason === "timeout" || reason === "infrastructure" ? reason : "code-error",
          message,
          ...(attempt?.error?.traceback ? { traceback: attempt.error.traceback } : {})
        })
      )
    }
    default:
      return Option.none()
  }
}

/** The run, or its failure in the error channel: for library callers who want the story as errors. */
export const orFail = (run: Run): Effect.Effect<Run, RunError> =>
  Option.match(failureOf(run), { onNone: () => Effect.succeed(run), onSome: Effect.fail })
