import { Errors, RunStore } from "@pyexec/core"
import { and, count, desc, eq } from "drizzle-orm"
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core"
import { Effect } from "effect"
import { artifactsOf, attemptToRow, rowsToRun, rowToSummary, runToRow } from "./internal/rows.js"
import * as schema from "./schema.js"

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

/** Thrown inside a transaction to roll it back when the compare-and-set fails. */
class Conflict {
  constructor(readonly message: string) {}
}

const failure = (what: string, cause: unknown) =>
  new Errors.StoreError({ reason: "query", message: `store: ${what} failed: ${describe(cause)}`, cause })

const query = <A>(what: string, run: () => Promise<A>) => Effect.tryPromise({ try: run, catch: (cause) => failure(what, cause) })

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** The RunStore on any drizzle Postgres database: PGlite and postgres.js share this code. */
export const make = (db: Database): RunStore.RunStore["Type"] => {
  const get = (runId: string) =>
    Effect.gen(function* () {
      const [row] = yield* query("reading a run", () => db.select().from(schema.runs).where(eq(schema.runs.id, runId)))
      if (!row) return yield* new Errors.RunNotFound({ runId })
      const attemptRows = yield* query("reading attempts", () =>
        db.select().from(schema.attempts).where(eq(schema.attempts.runId, runId)).orderBy(schema.attempts.number)
      )
      return yield* rowsToRun(row, attemptRows)
    })

  const commit = ({ next, expectedVersion, event, approval }: RunStore.Transition) =>
    Effect.tryPromise({
      try: () =>
        db.transaction(async (tx) => {
        const [current] = await tx
          .select({ status: schema.runs.status, version: schema.runs.version })
          .from(schema.runs)
          .where(eq(schema.runs.id, next.id))
          .for("update")
        if (!current || current.version !== expectedVersion) {
          throw new Conflict(`run ${next.id} changed since version ${expectedVersion}: the change was not applied`)
        }
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
              decidedAt: approval.decidedAt
            })
            .onConflictDoNothing()
            .returning({ id: schema.approvals.id })
          if (inserted.length === 0) throw new Conflict(`attempt ${last?.number} of run ${next.id} was already decided`)
        }
        await tx.insert(schema.checkpoints).values({
          runId: next.id,
          seq: next.version,
          fromStatus: current.status,
          toStatus: next.status,
          event,
          state: next,
          createdAt: next.updatedAt
        })
        const files = artifactsOf(next)
        if (files.length > 0) {
          await tx
            .insert(schema.artifacts)
            .values(files.map((f) => ({ ...f, runId: next.id, createdAt: next.updatedAt })))
            .onConflictDoNothing()
        }
        return next
      }),
      catch: (cause) =>
        cause instanceof Conflict
          ? new Errors.StaleRun({ runId: next.id, message: cause.message })
          : failure("storing a transition", cause)
    })

  return RunStore.RunStore.of({
    create: (run) =>
      query("creating a run", () =>
        db.transaction(async (tx) => {
          await tx.insert(schema.runs).values(runToRow(run))
          await tx.insert(schema.checkpoints).values({
            runId: run.id,
            seq: run.version,
            fromStatus: null,
            toStatus: run.status,
            event: "created",
            state: run,
            createdAt: run.createdAt
          })
          return run
        })
      ),
    get,
    list: (filter = {}) =>
      query("listing runs", async () => {
        const attemptCount = db
          .select({ runId: schema.attempts.runId, n: count().as("n") })
          .from(schema.attempts)
          .groupBy(schema.attempts.runId)
          .as("attempt_count")
        const rows = await db
          .select({ run: schema.runs, n: attemptCount.n })
          .from(schema.runs)
          .leftJoin(attemptCount, eq(attemptCount.runId, schema.runs.id))
          .where(filter.status ? eq(schema.runs.status, filter.status) : undefined)
          .orderBy(desc(schema.runs.createdAt), desc(schema.runs.id))
          .limit(filter.limit ?? 50)
          .offset(filter.offset ?? 0)
        return rows.map((r) => rowToSummary(r.run, Number(r.n ?? 0)))
      }),
    commit,
    checkpoints: (runId) =>
      query("reading checkpoints", () =>
        db
          .select({
            seq: schema.checkpoints.seq,
            fromStatus: schema.checkpoints.fromStatus,
            toStatus: schema.checkpoints.toStatus,
            event: schema.checkpoints.event,
            at: schema.checkpoints.createdAt
          })
          .from(schema.checkpoints)
          .where(eq(schema.checkpoints.runId, runId))
          .orderBy(schema.checkpoints.seq)
      ).pipe(
        Effect.map((rows) => rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }) as RunStore.Checkpoint))
      )
  })
}
