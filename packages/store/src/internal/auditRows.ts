import { Audit, Errors, Run, type RunStatus, type RunStore } from "@pyexec/core"
import { Effect, Schema } from "effect"
import type * as schema from "../schema.js"
import { iso } from "./rows.js"

type AuditInsert = typeof schema.auditLog.$inferInsert
type AuditRow = typeof schema.auditLog.$inferSelect

const facts = (run: Run.Run, fromStatus: RunStatus.RunStatus | null) => {
  const sha = Run.currentAttempt(run)?.codeSha256
  return { fromStatus, toStatus: run.status, version: run.version, ...(sha ? { codeSha256: sha } : {}) }
}

const actionOf = ({ next, approval }: RunStore.Transition, fromStatus: RunStatus.RunStatus): Audit.AuditAction => Audit.actionOf(next.status, fromStatus, approval)

/** The audit row a transition writes in its own transaction. */
export const ofTransition = (transition: RunStore.Transition, fromStatus: RunStatus.RunStatus): AuditInsert => ({
  runId: transition.next.id,
  actor: transition.actor ?? transition.approval?.decidedBy ?? "pyexec",
  action: actionOf(transition, fromStatus),
  message: transition.event,
  detail: facts(transition.next, fromStatus)
})

export const ofCreate = (run: Run.Run): AuditInsert => ({
  runId: run.id,
  actor: run.request.requester,
  action: "transition",
  message: "created",
  detail: facts(run, null)
})

export const ofEntry = (entry: Audit.AuditEntry): AuditInsert => ({ ...entry, detail: entry.detail ?? null })

const decode = Schema.decodeUnknown(Audit.AuditRecord)

export const toRecord = (row: AuditRow) =>
  decode({
    id: row.id,
    at: iso(row.at),
    runId: row.runId,
    actor: row.actor,
    action: row.action,
    message: row.message,
    ...(row.detail === null ? {} : { detail: row.detail })
  }).pipe(
    Effect.mapError(
      (error) =>
        new Errors.StoreError({ reason: "corrupt", message: `audit row ${row.id} is stored in a shape this version cannot read: ${error.message}` })
    )
  )
