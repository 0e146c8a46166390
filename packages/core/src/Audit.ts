import { Schema } from "effect"
import { RunId } from "./Ids.js"

/**
 * One line of the audit log: a decision, a refused decision, or a state change. The log is append-only:
 * the database refuses to update or delete its rows.
 */
export const AuditAction = Schema.Literal("transition", "approved", "rejected", "refused", "expired", "interrupted")
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
