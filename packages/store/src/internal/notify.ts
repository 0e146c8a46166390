import { sql } from "drizzle-orm"
import { channel } from "../RunChanges.js"
import type { Database } from "./query.js"

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0]

/** Inside the transaction that changes the run: listeners hear it when that commits, and never if it rolls back. */
export const runChanged = (tx: Tx, runId: string) => tx.execute(sql`select pg_notify(${channel}, ${runId})`)
