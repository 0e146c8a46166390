import { Schema } from "effect"
import { RunId } from "./Ids.js"
import type { ApprovalDecision } from "./Approval.js"
import type { RunStatus } from "./RunStatus.js"

/**
 * One line of the audit log: a decision, a refused decision, or a state change. The log is append-only:
 * the database refuses to update or delete its rows.
 */
export const AuditAction = Schema.Literal("transition", "approved", "rejected", "refused", "expired", "interrupted", "cancelled")
export type AuditAction = typeof AuditAction.Type

export const AuditEntry = Schema.Struct({
  runId: RunId,
  actor: Schema.String,
  action: AuditAction,
  /** What happened, in words (the transition's event, the refusal's message). */
  message: Schema.String,
  /** Facts for machines: statuses, the code's SHA-256, a refusal's reason. */
  detail: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
export type AuditEntry = typeof AuditEntry.Type

export const AuditRecord = Schema.Struct({
  ...AuditEntry.fields,
  id: Schema.Int,
  at: Schema.String
})
export type AuditRecord = typeof AuditRecord.Type

/** Transitions whose audit action is the status they enter, rather than `transition`. */
const namedEndings: ReadonlySet<RunStatus> = new Set(["expired", "interrupted", "cancelled"])

/** The audit action of a transition: the decision it carries, the ending it enters, else `transition`. */
export const actionOf = (next: RunStatus, from: RunStatus, approval: ApprovalDecision | undefined): AuditAction => {
  if (approval) return approval.verdict
  if (next !== from && namedEndings.has(next)) return next as AuditAction
  return "transition"
}
