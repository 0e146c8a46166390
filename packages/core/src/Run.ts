import { Schema } from "effect"
import type { ApprovalRequest } from "./Approval.js"
import { Attempt, profileOf } from "./Attempt.js"
import { GenerationFailure } from "./Errors.js"
import { ExecutionRequest } from "./ExecutionRequest.js"
import { RunId } from "./Ids.js"
import { RunStatus } from "./RunStatus.js"

/** Why a run ended without success: `generation-<why>` when no code came, else what stopped the code. */
export const RunOutcomeReason = Schema.Union(
  Schema.Literal("blocked", "rejected", "expired", "timeout", "channel-limit", "code-error", "infrastructure", "interrupted", "write-failed", "cancelled"),
  Schema.TemplateLiteral(Schema.Literal("generation-"), GenerationFailure)
)
export type RunOutcomeReason = typeof RunOutcomeReason.Type

/** Why a run ended without success, in words a person can act on. */
export const RunOutcome = Schema.Struct({
  reason: RunOutcomeReason,
  message: Schema.String
})
export type RunOutcome = typeof RunOutcome.Type

export const Run = Schema.Struct({
  id: RunId,
  status: RunStatus,
  request: ExecutionRequest,
  attempts: Schema.Array(Attempt),
  outcome: Schema.optional(RunOutcome),
  notebookPath: Schema.optional(Schema.String),
  createdAt: Schema.String,
  updatedAt: Schema.String,
  /** Bumped by every stored transition; the store compares it to apply changes at most once. */
  version: Schema.Int
})
export type Run = typeof Run.Type

export const currentAttempt = (run: Run): Attempt | undefined => run.attempts[run.attempts.length - 1]

/** A line to recognise a run by: the request, or the first line of the code (docstring quotes and # dropped). */
export const titleOf = (run: Run): string => {
  const firstLine = (code: string) =>
    code
      .split("\n")
      .map((l) => l.trim().replace(/^(#+|"""|''')\s*/, "").replace(/("""|''')$/, "").trim())
      .find((l) => l.length > 0) ?? ""
  const text = run.request.query ?? firstLine(run.request.code ?? "")
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

/** What a reviewer needs to decide on a run that waits for approval; undefined for any other run. */
export const approvalRequest = (run: Run): ApprovalRequest | undefined => {
  const attempt = currentAttempt(run)
  if (run.status !== "awaiting_approval" || !attempt) return undefined
  return {
    runId: run.id,
    attempt: attempt.number,
    requester: run.request.requester,
    code: attempt.code,
    codeSha256: attempt.codeSha256,
    findings: attempt.analysis?.findings ?? [],
    reasons: attempt.verdict?.reasons ?? [],
    profile: profileOf(attempt),
    executor: attempt.executor ?? "unrecorded",
    notebookPath: attempt.notebookPath ?? null,
    requestedAt: run.updatedAt
  }
}
