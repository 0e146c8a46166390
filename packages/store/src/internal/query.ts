import { Errors } from "@pyexec/core"
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core"
import { Effect } from "effect"
import type * as schema from "../schema.js"

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

/** The driver's own words: drizzle wraps them in "Failed query: <the SQL>", which says what ran, not what failed. */
export const describe = (cause: unknown): string => {
  let error = cause
  while (error instanceof Error && error.cause instanceof Error) error = error.cause
  return error instanceof Error ? error.message : String(error)
}

export const failure = (what: string, cause: unknown) =>
  new Errors.StoreError({ reason: "query", message: `store: ${what} failed: ${describe(cause)}`, cause })

/** One database call; its error keeps the driver's error as `cause`, which tells a lost connection apart. */
export const query = <A>(what: string, run: () => Promise<A>) => Effect.tryPromise({ try: run, catch: (cause) => failure(what, cause) })
