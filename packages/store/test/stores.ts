import { type Errors, Ids, type Run, RunStore } from "@pyexec/core"
import { PostgresDatabase } from "@pyexec/testing"
import { Context, Effect, Layer, Redacted } from "effect"
import { PgliteStore, PostgresStore, SqlRunStore } from "../src/index.js"

/** The database under a store, for what the RunStore does not offer (trying to edit the audit log). */
export class Sql extends Context.Tag("test/Sql")<Sql, SqlRunStore.Database>() {}

const withSql = <E, R>(database: Effect.Effect<SqlRunStore.Database, E, R>) =>
  Layer.unwrapScoped(
    Effect.map(database, (db) => Layer.merge(Layer.succeed(RunStore.RunStore, SqlRunStore.make(db)), Layer.succeed(Sql, db)))
  )

/** A fresh database on the shared test server, dropped when the layer closes. */
const postgresDatabase = Effect.acquireRelease(Effect.promise(PostgresDatabase.create), (db) => Effect.promise(db.drop))

/** Both engines the RunStore runs on: one suite, run on each. */
export const engines: ReadonlyArray<readonly [string, () => Layer.Layer<RunStore.RunStore | Sql, Errors.StoreError>]> = [
  ["PGlite", () => withSql(PgliteStore.database())],
  ["Postgres", () => withSql(Effect.flatMap(postgresDatabase, (db) => PostgresStore.database(Redacted.make(db.url))))]

]

let next = 0
/** A run id no other test in this process uses. */
export const uniqueId = (label: string) => Ids.RunId.make(`${label}-${process.pid}-${++next}`)

export const codeSha256 = Ids.CodeSha256.make("c".repeat(64))

export const queued = (id: Ids.RunId, overrides: Partial<Run.Run> = {}): Run.Run => ({
  id,
  status: "queued",
  request: { code: "results = {'b': 1, 'a': 2}", requester: "op" },
  attempts: [],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 0,
  ...overrides
})

export const attempt = (number: number, code = "results = {'b': 1, 'a': 2}") => ({
  number,
  source: "request" as const,
  code,
  codeSha256,
  createdAt: "2026-01-01T00:00:01.000Z"
})

/** The run moved on by one transition. */
export const step = (run: Run.Run, changes: Partial<Run.Run>): Run.Run => ({
  ...run,
  ...changes,
  version: run.version + 1,
  updatedAt: new Date().toISOString()
})
