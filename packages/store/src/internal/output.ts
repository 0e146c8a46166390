import { RunOutput } from "@pyexec/core"
import { and, desc, eq, gt, lte, max, sql, sum } from "drizzle-orm"
import * as schema from "../schema.js"
import { runChanged } from "./notify.js"
import type { Database } from "./query.js"

/**
 * The live output log (schema.runOutput). An append stores only while the run executes (or previews, or generates) that attempt: it reads the
 * run's row FOR SHARE, so it either commits before the transition that ends the attempt (which updates that row)
 * or waits for it and then sees the run is no longer executing, and stores nothing.
 *
 * The bound: once an attempt holds more than `keepBytes`, its oldest rows are dropped until it holds at most three
 * quarters of it, so the rows are counted about once per quarter of the bound, not on every append.
 */
export const make = (db: Database, keepBytes: number) => {
  /** What each attempt holds, as far as this process knows (it is the attempt's only writer): `runId attempt`. */
  const held = new Map<string, number>()
  const remember = (key: string, bytes: number) => {
    held.delete(key)
    held.set(key, bytes)
    // the oldest attempts are long over
    if (held.size > 1000) held.delete(held.keys().next().value!)
  }

  const append = (runId: string, attempt: number, phase: RunOutput.Phase, chunks: ReadonlyArray<RunOutput.Chunk>) =>
    db.transaction(async (tx) => {
      // stamped on this process's clock, as its transitions are (the event stream orders both by time)
      const at = new Date().toISOString()
      const rows = chunks
        .filter((c) => c.text !== "")
        .map((c) => {
          const text = RunOutput.lastBytes(c.text, keepBytes)
          return { runId, attempt, phase, stream: c.stream, text, bytes: RunOutput.byteLength(text), at }
        })
      if (rows.length === 0) return
      const [executing] = await tx
        .select({ id: schema.runs.id })
        .from(schema.runs)
        .where(and(eq(schema.runs.id, runId), eq(schema.runs.status, RunOutput.statusFor[phase])))
        .for("share")
      if (!executing) return
      const [newest] = await tx.select({ n: max(schema.attempts.number) }).from(schema.attempts).where(eq(schema.attempts.runId, runId))
      // its newest attempt (the one after it, for the model's reply, which is stored before its attempt is)
      if (!RunOutput.isWriting(phase, attempt, RunOutput.statusFor[phase], newest?.n ?? 0)) return
      await tx.insert(schema.runOutput).values(rows)
      await runChanged(tx, runId)
      const key = `${runId} ${attempt}`
      let total = held.get(key)
      if (total === undefined) {
        const [row] = await tx
          .select({ bytes: sum(schema.runOutput.bytes) })
          .from(schema.runOutput)
          .where(and(eq(schema.runOutput.runId, runId), eq(schema.runOutput.attempt, attempt)))
        total = Number(row?.bytes ?? 0)
      } else total += rows.reduce((n, r) => n + r.bytes, 0)
      if (total > keepBytes) total = await prune(tx, runId, attempt, Math.floor((keepBytes * 3) / 4))
      remember(key, total)
    })

  return {
    append,
    after: (runId: string, after: number, limit: number) =>
      db
        .select({
          seq: schema.runOutput.seq,
          attempt: schema.runOutput.attempt,
          phase: schema.runOutput.phase,
          stream: schema.runOutput.stream,
          text: schema.runOutput.text,
          at: schema.runOutput.at
        })
        .from(schema.runOutput)
        .where(and(eq(schema.runOutput.runId, runId), gt(schema.runOutput.seq, after)))
        .orderBy(schema.runOutput.seq)
        .limit(limit)
        .then((rows) =>
          rows.map((r): RunOutput.Entry => ({ seq: r.seq, attempt: r.attempt, phase: r.phase as RunOutput.Phase, stream: r.stream as RunOutput.Stream, text: r.text, at: new Date(r.at).toISOString() }))
        )
  }
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0]

/** Drops the attempt's oldest rows until it holds at most `target` bytes (the newest row always stays); what it holds then. */
const prune = async (tx: Tx, runId: string, attempt: number, target: number) => {
  const ofAttempt = and(eq(schema.runOutput.runId, runId), eq(schema.runOutput.attempt, attempt))
  const newer = tx
    .select({
      seq: schema.runOutput.seq,
      // what this row and the newer ones hold
      upTo: sql<number>`sum(${schema.runOutput.bytes}) over (order by ${schema.runOutput.seq} desc)`.as("up_to")
    })
    .from(schema.runOutput)
    .where(ofAttempt)
    .as("newer")
  const [kept] = await tx.select({ seq: newer.seq, upTo: newer.upTo }).from(newer).where(lte(newer.upTo, target)).orderBy(newer.seq).limit(1)
  const [newest] = await tx.select({ seq: schema.runOutput.seq, bytes: schema.runOutput.bytes }).from(schema.runOutput).where(ofAttempt).orderBy(desc(schema.runOutput.seq)).limit(1)
  if (!newest) return 0
  // the oldest row that still fits, else only the newest
  const from = kept?.seq ?? newest.seq
  await tx.delete(schema.runOutput).where(and(ofAttempt, sql`${schema.runOutput.seq} < ${from}`))
  return kept ? Number(kept.upTo) : newest.bytes
}
