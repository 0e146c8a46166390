import { Errors, RunStore } from "@pyexec/core"
import { drizzle } from "drizzle-orm/postgres-js"
import { migrate } from "drizzle-orm/postgres-js/migrator"
import { Context, type Duration, Effect, Layer, Redacted } from "effect"
import postgres from "postgres"
import { type Connection, isConnectionFailure, resilient } from "./internal/connection.js"
import { migrationsFolder } from "./internal/migrations.js"
import { describe, query } from "./internal/query.js"
import * as RunChanges from "./RunChanges.js"
import * as schema from "./schema.js"
import * as SqlRunStore from "./SqlRunStore.js"

/** Any number stays the same for every pyexec process: it serialises migrations across processes. */
const MIGRATION_LOCK = 7_243_001

export interface PostgresOptions {
  /** How long an operation keeps trying through a lost connection; default 60 s. */
  readonly retryFor?: Duration.DurationInput
  /** How long the start-up waits for the database (a server that is down, a wrong URL); default `retryFor`. */
  readonly connectFor?: Duration.DurationInput
}

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

const hint = "check that Postgres runs and accepts connections there, and that PYEXEC_DATABASE_URL is right"

const connectionTo = (url: string, options: PostgresOptions): Connection => ({
  database: `Postgres at ${describeUrl(url)}`,
  hint,
  ...(options.retryFor === undefined ? {} : { retryFor: options.retryFor })
})

/** A refusal that is not a lost connection (a wrong password, a missing database): trying again will not help. */
const refused = (url: string, cause: unknown) =>
  new Errors.StoreError({
    reason: "unavailable",
    message: `cannot use Postgres at ${describeUrl(url)}: ${describe(cause)}: ${hint}`,
    cause
  })

/**
 * The pool: connections close after 30 s idle and are replaced after 30 min (so a failover or a restarted
 * server is picked up even by a busy process); a connection attempt gives up after 5 s. After a lost
 * connection postgres.js waits before it connects again, by default up to 20 s as failures add up: here at
 * most 0.5 s, since `resilient` paces the retries.
 */
const pool = (url: string) =>
  postgres(url, {
    max: 10,
    idle_timeout: 30,
    connect_timeout: 5,
    max_lifetime: 30 * 60,
    backoff: (failures) => Math.min(0.02 * 2 ** failures, 0.5),
    onnotice: () => {}
  })

/** Migrations run under a session advisory lock, so processes that start together migrate one at a time. */
const migrateLocked = (sql: postgres.Sql, db: ReturnType<typeof drizzle<typeof schema>>) => async () => {
  const session = await sql.reserve()
  // A session whose connection died took its lock along, and postgres.js already put the connection back
  // among the closed ones: releasing it again would hand the pool a dead connection as an open one.
  let lost = false
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK})`
    await migrate(db, { migrationsFolder })
  } catch (error) {
    lost = isConnectionFailure(error)
    throw error
  } finally {
    if (!lost) {
      try {
        await session`select pg_advisory_unlock(${MIGRATION_LOCK})`
      } catch (error) {
        lost = isConnectionFailure(error)
      }
    }
    if (!lost) session.release()
  }
}

/** The pool, connected and migrated; a server that is down at start-up is waited for, as long as `connectFor`. */
const connect = (url: Redacted.Redacted<string>, options: PostgresOptions) =>
  Effect.gen(function* () {
    const plain = Redacted.value(url)
    const sql = yield* Effect.acquireRelease(
      Effect.try({ try: () => pool(plain), catch: (cause) => refused(plain, cause) }),
      (client) => Effect.promise(() => client.end({ timeout: 5 })).pipe(Effect.ignore)
    )
    const db = drizzle(sql, { schema })
    const startup = { ...options, ...(options.connectFor === undefined ? {} : { retryFor: options.connectFor }) }
    yield* resilient(connectionTo(plain, startup), () => query("migrating", migrateLocked(sql, db))).pipe(
      Effect.mapError((error) => (error.reason === "query" ? refused(plain, error.cause) : error))
    )
    return { sql, db: db as unknown as SqlRunStore.Database }
  })

/** A database connected and migrated, for the RunStore and anything else that needs SQL. */
export const database = (url: Redacted.Redacted<string>, options: PostgresOptions = {}) => Effect.map(connect(url, options), ({ db }) => db)

/**
 * The RunStore, and RunChanges over LISTEN on a connection of its own (postgres.js listens again after it lost
 * one; the pool's end closes it).
 */
export const layer = (url: Redacted.Redacted<string>, options: PostgresOptions = {}) =>
  Layer.scopedContext(
    Effect.map(connect(url, options), ({ sql, db }) =>
      Context.make(RunStore.RunStore, SqlRunStore.make(db, connectionTo(Redacted.value(url), options))).pipe(
        Context.add(RunChanges.RunChanges, RunChanges.make((deliver) => sql.listen(RunChanges.channel, deliver)))
      )
    )
  )
