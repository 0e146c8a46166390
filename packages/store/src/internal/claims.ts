import type { RunStatus, RunStore } from "@pyexec/core"
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm"
import * as schema from "../schema.js"
import type { Database } from "./query.js"

const { runs } = schema

/** Leases are measured on the database's clock, so workers on hosts whose clocks disagree still agree. */
export const leaseEnd = (leaseMs: number) => sql`now() + ${leaseMs}::double precision * interval '1 millisecond'`

const expired = lt(runs.claimExpiresAt, sql`now()`)

/** No live lease holds the run. */
export const unheld = or(isNull(runs.claimedBy), expired)

/**
 * Takes one free run and returns its id. By status, `SKIP LOCKED` passes over rows another claimer is taking
 * right now; by id, the claim waits for a transaction that holds the row (a decision that lost its race holds it
 * for a moment after the winner committed: skipping would leave the approved run to no one). Either way Postgres
 * re-checks a row it locks after another claim committed, so no two claimers get the same run.
 */
export const claim = async (db: Database, { worker, leaseMs }: RunStore.Claim, target: RunStore.ClaimTarget) => {
  const byId = "runId" in target
  const oldest = db
    .select({ id: runs.id })
    .from(runs)
    .where(
      // one driver per run: not even its holder takes it again (a process's work loop and a caller in the same
      // process share the worker's name, and both driving it made one of them fail on a stale version)
      and(byId ? eq(runs.id, target.runId) : inArray(runs.status, [...target.statuses]), unheld)
    )
    .orderBy(runs.updatedAt)
    .limit(1)
  const candidate = byId ? oldest.for("update") : oldest.for("update", { skipLocked: true })
  const [taken] = await db
    .update(runs)
    .set({ claimedBy: worker, claimExpiresAt: leaseEnd(leaseMs) })
    .where(eq(runs.id, sql`(${candidate})`))
    .returning()
  return taken
}

export const renew = async (db: Database, runId: string, { worker, leaseMs }: RunStore.Claim) => {
  const renewed = await db
    .update(runs)
    .set({ claimExpiresAt: leaseEnd(leaseMs) })
    .where(and(eq(runs.id, runId), eq(runs.claimedBy, worker)))
    .returning({ id: runs.id })
  return renewed.length > 0
}

export const release = (db: Database, runId: string, worker: string) =>
  db
    .update(runs)
    .set({ claimedBy: null, claimExpiresAt: null })
    .where(and(eq(runs.id, runId), eq(runs.claimedBy, worker)))

/** The first request to cancel a run is kept; later ones change nothing. */
export const requestCancel = (db: Database, runId: string, by: string) =>
  db
    .update(runs)
    .set({ cancelRequestedBy: by, cancelRequestedAt: sql`now()` })
    .where(and(eq(runs.id, runId), isNull(runs.cancelRequestedBy)))

export const cancelRequest = async (db: Database, runId: string) => {
  const [row] = await db.select({ by: runs.cancelRequestedBy, at: runs.cancelRequestedAt }).from(runs).where(eq(runs.id, runId))
  return row?.by ? { by: row.by, at: row.at! } : undefined
}

export const unheldIn = (db: Database, status: RunStatus.RunStatus) =>
  db.select().from(runs).where(and(eq(runs.status, status), unheld)).orderBy(runs.updatedAt)
