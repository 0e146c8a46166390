import { Errors, RunStore } from "@pyexec/core"
import { drizzle } from "drizzle-orm/postgres-js"
import { migrate } from "drizzle-orm/postgres-js/migrator"
import { Effect, Layer, Redacted } from "effect"
import postgres from "postgres"
import { migrationsFolder } from "./internal/migrations.js"
import * as schema from "./schema.js"
import * as SqlRunStore from "./SqlRunStore.js"

/** Any number stays the same for every pyexec process: it serialises migrations across processes. */
const MIGRATION_LOCK = 7_243_001

/** postgres://user:***@host:port/db: safe for messages and logs. */
export const describeUrl = (url: string): string => {
  try {
    const u = new URL(url)
    if (u.password) u.password = "***"
    return u.toString()
  } catch {
    return "(an unparseable URL)"
  }
}

const unavailable = (url: string, cause: unknown) =>
  new Errors.StoreError({
    reason: "unavailable",
    message: `cannot use Postgres at ${describeUrl(url)}: ${cause instanceof Error ? cause.message : String(cause)}. Check that it runs and that PYEXEC_DATABASE_URL is right`,
    cause
  })

export const database = (url: Redacted.Redacted<string>) =>
  Effect.gen(function* () {
    const plain = Redacted.value(url)
    const sql = yield* Effect.acquireRelease(
      Effect.try({
        try: () => postgres(plain, { max: 10, connect_timeout: 10, onnotice: () => {} }),
        catch: (cause) => unavailable(plain, cause)
      }),
      (client) => Effect.promise(() => client.end({ timeout: 5 })).pipe(Effect.ignore)
    )
    const db = drizzle(sql, { schema })
    yield* Effect.tryPromise({
      try: async () => {
        const session = await sql.reserve()
        try {
          await session`select pg_advisory_lock(${MIGRATION_LOCK})`
          await migrate(db, { migrationsFolder })
        } finally {
          await session`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined)
          session.release()
        }
      },
      catch: (cause) => unavailable(plain, cause)
    })
    return db as unknown as SqlRunStore.Database
  })

export const layer = (url: Redacted.Redacted<string>) =>
  Layer.scoped(RunStore.RunStore, Effect.map(database(url), SqlRunStore.make))
