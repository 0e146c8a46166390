import { Errors, InputFiles, RunOutput, RunStore } from "@pyexec/core"
import { and, count, desc, eq, like, lt, min } from "drizzle-orm"
import { Effect, Option } from "effect"
import * as AuditRows from "./internal/auditRows.js"
import * as Claims from "./internal/claims.js"
import { type Connection, resilient } from "./internal/connection.js"
import * as Output from "./internal/output.js"
import { type Database, failure, query } from "./internal/query.js"
import * as ReadRuns from "./internal/readRuns.js"
import { iso, rowToSummary } from "./internal/rows.js"
import * as Transitions from "./internal/transitions.js"
import * as schema from "./schema.js"

export type { Connection } from "./internal/connection.js"
export type { Database } from "./internal/query.js"

const matching = (filter: RunStore.RunFilter) =>
  and(
    filter.status ? eq(schema.runs.status, filter.status) : undefined,
    filter.requester ? eq(schema.runs.requester, filter.requester) : undefined,
    // LIKE's own characters (and its escape) in a prefix stand for themselves
    filter.idPrefix ? like(schema.runs.id, `${filter.idPrefix.replace(/[\\%_]/g, "\\$&")}%`) : undefined
  )

/**
 * The RunStore on any drizzle Postgres database: PGlite and postgres.js share this code. Given a connection,
 * every operation rides out a lost one (see `resilient`), and writes that may have committed on a broken try
 * are recognised on the next one, so a transition is stored once. PGlite runs in this process and has no
 * connection to lose.
 */
export interface SqlStoreOptions {
  /** The newest live output kept per attempt (RunOutput.defaults.keepBytes). */
  readonly keepOutputBytes?: number
}

export const make = (db: Database, connection?: Connection, options: SqlStoreOptions = {}): RunStore.RunStore["Type"] => {
  const output = Output.make(db, options.keepOutputBytes ?? RunOutput.defaults.keepBytes)
  const retrying = <A, E>(attempt: (retry: boolean) => Effect.Effect<A, E>) =>
    connection ? resilient(connection, attempt) : attempt(false)
  const retried = <A, E>(effect: Effect.Effect<A, E>) => retrying(() => effect)

  const commit = (transition: RunStore.Transition) =>
    retrying((retry) =>
      Effect.tryPromise({
        try: () => Transitions.commit(db, transition, retry),
        catch: (cause) =>
          cause instanceof Transitions.Conflict
            ? new Errors.StaleRun({ runId: transition.next.id, message: cause.message })
            : failure("storing a transition", cause)
      })
    )

  const runsOf = (what: string, rows: () => Promise<ReadonlyArray<typeof schema.runs.$inferSelect>>) =>
    retried(Effect.flatMap(query(what, rows), (found) => ReadRuns.many(db, found)))

  return RunStore.RunStore.of({
    create: (run, heldBy) => retrying((retry) => query("creating a run", () => Transitions.create(db, run, heldBy, retry))),
    get: (runId) => retried(ReadRuns.one(db, runId)),
    list: (filter = {}) =>
      retried(
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
            .where(matching(filter))
            .orderBy(desc(schema.runs.createdAt), desc(schema.runs.id))
            .limit(filter.limit ?? 50)
            .offset(filter.offset ?? 0)
          return rows.map((r) => rowToSummary(r.run, Number(r.n ?? 0)))
        })
      ),
    count: (filter = {}) =>
      retried(
        query("counting runs", async () => {
          const [row] = await db.select({ n: count() }).from(schema.runs).where(matching(filter))
          return Number(row?.n ?? 0)
        })
      ),
    commit,
    checkpoints: (runId) =>
      retried(
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
        )
      ).pipe(Effect.map((rows) => rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }) as RunStore.Checkpoint))),
    claim: (claim, target) =>
      retried(
        Effect.flatMap(query("claiming a run", () => Claims.claim(db, claim, target)), (taken) =>
          taken ? Effect.map(ReadRuns.many(db, [taken]), ([run]) => Option.fromNullable(run)) : Effect.succeed(Option.none())
        )
      ),
    renew: (runId, claim) => retried(query("renewing a claim", () => Claims.renew(db, runId, claim))),
    release: (runId, worker) => retried(query("releasing a claim", () => Claims.release(db, runId, worker))).pipe(Effect.asVoid),
    requestCancel: (runId, by) => retried(query("asking to cancel a run", () => Claims.requestCancel(db, runId, by))).pipe(Effect.asVoid),
    cancelRequest: (runId) =>
      retried(query("reading a request to cancel", () => Claims.cancelRequest(db, runId))).pipe(
        Effect.map((request) => Option.fromNullable(request && { by: request.by, at: iso(request.at) }))
      ),
    unheld: (status) => runsOf("finding unheld runs", () => Claims.unheldIn(db, status)),
    census: () =>
      retried(
        query("counting runs", async () => {
          const counts = await db.select({ status: schema.runs.status, n: count() }).from(schema.runs).groupBy(schema.runs.status)
          const [oldest] = await db.select({ since: min(schema.runs.updatedAt) }).from(schema.runs).where(eq(schema.runs.status, "awaiting_approval"))
          return {
            byStatus: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
            oldestWaitingSince: oldest?.since ? iso(oldest.since) : undefined
          }
        })
      ),
    waitingSince: (before) =>
      runsOf("finding runs waiting for approval", () =>
        db
          .select()
          .from(schema.runs)
          .where(and(eq(schema.runs.status, "awaiting_approval"), lt(schema.runs.updatedAt, before)))
          .orderBy(schema.runs.updatedAt)
      ),
    audit: (entry) => retried(query("writing the audit log", () => db.insert(schema.auditLog).values(AuditRows.ofEntry(entry)))).pipe(Effect.asVoid),
    auditLog: (runId) =>
      retried(
        query("reading the audit log", () =>
          db.select().from(schema.auditLog).where(eq(schema.auditLog.runId, runId)).orderBy(schema.auditLog.id)
        )
      ).pipe(Effect.flatMap((rows) => Effect.forEach(rows, AuditRows.toRecord))),
    // not retried: the pipeline drops a batch it could not store rather than hold the run's output back
    appendOutput: (runId, attempt, phase, chunks) => query("storing live output", () => output.append(runId, attempt, phase, chunks)),
    outputAfter: (runId, after, limit = 500) => retried(query("reading live output", () => output.after(runId, after, limit))),
    saveInputFile: (bytes) => {
      const sha256 = InputFiles.sha256Of(bytes)
      const row = { sha256, size: bytes.length, content: Buffer.from(bytes).toString("base64") }
      return retried(query("storing an input file", () => db.insert(schema.inputFiles).values(row).onConflictDoNothing())).pipe(Effect.as(sha256))
    },
    inputFile: (sha256) =>
      retried(query("reading an input file", () => db.select({ content: schema.inputFiles.content }).from(schema.inputFiles).where(eq(schema.inputFiles.sha256, sha256)))).pipe(
        Effect.map(([row]) => Option.map(Option.fromNullable(row), (r) => new Uint8Array(Buffer.from(r.content, "base64"))))
      )
  })
}
