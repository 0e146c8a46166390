import { Errors } from "@pyexec/core"
import { asc, eq, inArray } from "drizzle-orm"
import { Effect } from "effect"
import * as schema from "../schema.js"
import { type Database, query } from "./query.js"
import { rowsToRun } from "./rows.js"

type RunRow = typeof schema.runs.$inferSelect

export const one = (db: Database, runId: string) =>
  Effect.gen(function* () {
    const [row] = yield* query("reading a run", () => db.select().from(schema.runs).where(eq(schema.runs.id, runId)))
    if (!row) return yield* new Errors.RunNotFound({ runId })
    const attemptRows = yield* query("reading attempts", () =>
      db.select().from(schema.attempts).where(eq(schema.attempts.runId, runId)).orderBy(schema.attempts.number)
    )
    return yield* rowsToRun(row, attemptRows)
  })

/** The runs of the given rows, in their order, with their attempts (one query for all attempts). */
export const many = (db: Database, rows: ReadonlyArray<RunRow>) =>
  Effect.gen(function* () {
    if (rows.length === 0) return []
    const attemptRows = yield* query("reading attempts", () =>
      db
        .select()
        .from(schema.attempts)
        .where(inArray(schema.attempts.runId, rows.map((r) => r.id)))
        .orderBy(asc(schema.attempts.runId), asc(schema.attempts.number))
    )
    return yield* Effect.forEach(rows, (row) => rowsToRun(row, attemptRows.filter((a) => a.runId === row.id)))
  })
