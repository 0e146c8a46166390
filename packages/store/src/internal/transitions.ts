import type { Run, RunStore } from "@pyexec/core"
import { and, eq } from "drizzle-orm"
import * as schema from "../schema.js"
import * as AuditRows from "./auditRows.js"
import { leaseEnd } from "./claims.js"
import { runChanged } from "./notify.js"
import type { Database } from "./query.js"
import { artifactsOf, attemptToRow, runToRow } from "./rows.js"

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0]

/** Thrown inside a transaction to roll it back when the compare-and-set fails. */
export class Conflict {
  constructor(readonly message: string) {}
}

/**
 * Whether this very transition is already stored: a try whose connection broke during COMMIT may have
 * committed. Its checkpoint holds the event and the whole run as written, so a different transition to the
 * same version (another worker's) never passes for ours.
 */
const landed = async (tx: Tx, run: Run.Run, event: string) => {
  const [checkpoint] = await tx
    .select({ event: schema.checkpoints.event, state: schema.checkpoints.state })
    .from(schema.checkpoints)
    .where(and(eq(schema.checkpoints.runId, run.id), eq(schema.checkpoints.seq, run.version)))
  return checkpoint !== undefined && checkpoint.event === event && JSON.stringify(checkpoint.state) === JSON.stringify(run)
}

export const create = (db: Database, run: Run.Run, heldBy: RunStore.Claim | undefined, retry: boolean) =>
  db.transaction(async (tx) => {
    if (retry && (await landed(tx, run, "created"))) return run
    await tx.insert(schema.runs).values(heldBy ? { ...runToRow(run), claimedBy: heldBy.worker, claimExpiresAt: leaseEnd(heldBy.leaseMs) } : runToRow(run))
    if (run.attempts.length > 0) await tx.insert(schema.attempts).values(run.attempts.map((a) => attemptToRow(run.id, a)))
    await tx.insert(schema.checkpoints).values({
      runId: run.id,
      seq: run.version,
      fromStatus: null,
      toStatus: run.status,
      event: "created",
      state: run,
      createdAt: run.createdAt
    })
    await tx.insert(schema.auditLog).values(AuditRows.ofCreate(run))
    return run
  })

export const commit = (db: Database, transition: RunStore.Transition, retry: boolean) =>
  db.transaction(async (tx) => {
    const { next, expectedVersion, event, approval } = transition
    const [current] = await tx
      .select({ status: schema.runs.status, version: schema.runs.version })
      .from(schema.runs)
      .where(eq(schema.runs.id, next.id))
      .for("update")
    if (!current || current.version !== expectedVersion) {
      if (retry && (await landed(tx, next, event))) return next
      throw new Conflict(`run ${next.id} changed since version ${expectedVersion}: the change was not applied`)
    }
    const fromStatus = current.status as Run.Run["status"]
    const { id: _id, createdAt: _created, ...changed } = runToRow(next)
    await tx
      .update(schema.runs)
      .set(changed)
      .where(and(eq(schema.runs.id, next.id), eq(schema.runs.version, expectedVersion)))
    // Only the newest attempt ever changes: earlier attempts are final once a new one starts.
    const last = next.attempts[next.attempts.length - 1]
    if (last) {
      const row = attemptToRow(next.id, last)
      const { runId: _r, number: _n, ...update } = row
      await tx
        .insert(schema.attempts)
        .values(row)
        .onConflictDoUpdate({ target: [schema.attempts.runId, schema.attempts.number], set: update })
    }
    if (approval) {
      const inserted = await tx
        .insert(schema.approvals)
        .values({
          runId: approval.runId,
          attempt: last?.number ?? 0,
          codeSha256: approval.codeSha256,
          verdict: approval.verdict,
          decidedBy: approval.decidedBy,
          comment: approval.comment ?? null,
          decidedAt: approval.decidedAt,
          settles: next.status !== "awaiting_approval"
        })
        .onConflictDoNothing()
        .returning({ id: schema.approvals.id })
      if (inserted.length === 0) throw new Conflict(`attempt ${last?.number} of run ${next.id} was already decided`)
    }
    await tx.insert(schema.checkpoints).values({
      runId: next.id,
      seq: next.version,
      fromStatus,
      toStatus: next.status,
      event,
      state: next,
      createdAt: next.updatedAt
    })
    await tx.insert(schema.auditLog).values(AuditRows.ofTransition(transition, fromStatus))
    const files = artifactsOf(next)
    if (files.length > 0) {
      await tx
        .insert(schema.artifacts)
        .values(files.map((f) => ({ ...f, runId: next.id, createdAt: next.updatedAt })))
        .onConflictDoNothing()
    }
    await runChanged(tx, next.id)
    return next
  })
