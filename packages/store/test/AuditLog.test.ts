import { expect, layer } from "@effect/vitest"
import { type Ids, RunStore } from "@pyexec/core"
import { sql } from "drizzle-orm"
import { Effect } from "effect"
import { attempt, codeSha256, engines, queued, Sql, step, uniqueId } from "./stores.js"

const decision = (runId: Ids.RunId, verdict: "approved" | "rejected", decidedBy: string) => ({
  runId,
  codeSha256,
  verdict,
  decidedBy,
  decidedAt: "2026-01-01T00:00:02.000Z"
})

for (const [engine, store] of engines) {
  layer(store(), { excludeTestServices: true, timeout: "60 seconds" })(`audit log on ${engine}`, (it) => {
    it.effect("writes one row per create and per transition, in order, with who, what and the facts", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const created = yield* store.create(queued(uniqueId("audited"), { request: { code: "x = 1", requester: "carol" } }))
        const analyzing = yield* store.commit({ next: step(created, { status: "analyzing", attempts: [attempt(1)] }), expectedVersion: 0, event: "code ready" })
        const waiting = yield* store.commit({ next: step(analyzing, { status: "awaiting_approval" }), expectedVersion: 1, event: "needs approval" })
        const approved = yield* store.commit({
          next: step(waiting, { status: "approved" }),
          expectedVersion: 2,
          event: "approved",
          approval: decision(created.id, "approved", "alice")
        })
        const stale = yield* Effect.flip(store.commit({ next: step(waiting, { status: "failed" }), expectedVersion: 2, event: "late" }))
        expect(stale._tag).toBe("StaleRun")
        yield* store.commit({ next: step(approved, { status: "interrupted" }), expectedVersion: 3, event: "server stopped", actor: "worker-1" })
        yield* store.audit({ runId: created.id, actor: "bob", action: "refused", message: "already decided", detail: { reason: "already-decided" } })

        const log = yield* store.auditLog(created.id)
        expect(log.map((r) => [r.actor, r.action, r.message])).toEqual([
          ["carol", "transition", "created"],
          ["pyexec", "transition", "code ready"],
          ["pyexec", "transition", "needs approval"],
          ["alice", "approved", "approved"],
          ["worker-1", "interrupted", "server stopped"],
          ["bob", "refused", "already decided"]
        ])
        expect(log[0]?.detail).toEqual({ fromStatus: null, toStatus: "queued", version: 0 })
        expect(log[3]?.detail).toEqual({ fromStatus: "awaiting_approval", toStatus: "approved", version: 3, codeSha256 })
        expect(log[5]?.detail).toEqual({ reason: "already-decided" })
        expect(log.every((r) => r.runId === created.id && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(r.at))).toBe(true)
        expect(log.map((r) => r.id)).toEqual([...log.map((r) => r.id)].sort((a, b) => a - b))
      }))

    it.effect("names a rejection and an expiry by their action; the actor of a decision is who decided", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const rejected = yield* store.create(queued(uniqueId("rejected"), { status: "awaiting_approval", attempts: [attempt(1)] }))
        yield* store.commit({ next: step(rejected, { status: "rejected" }), expectedVersion: 0, event: "rejected", approval: decision(rejected.id, "rejected", "dave") })
        const expired = yield* store.create(queued(uniqueId("expired"), { status: "awaiting_approval", attempts: [attempt(1)] }))
        const gone = yield* store.commit({ next: step(expired, { status: "expired" }), expectedVersion: 0, event: "approval expired" })
        // Staying in a status is no new expiry.
        yield* store.commit({ next: step(gone, {}), expectedVersion: 1, event: "notebook written" })
        expect((yield* store.auditLog(rejected.id)).map((r) => [r.actor, r.action])).toEqual([
          ["op", "transition"],
          ["dave", "rejected"]
        ])
        expect((yield* store.auditLog(expired.id)).map((r) => [r.actor, r.action])).toEqual([
          ["op", "transition"],
          ["pyexec", "expired"],
          ["pyexec", "transition"]
        ])
      }))

    it.effect("is append-only: UPDATE, DELETE and TRUNCATE are refused, and the rows outlive their run", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const db = yield* Sql
        const run = yield* store.create(queued(uniqueId("kept")))
        const refused = (statement: string) =>
          Effect.flip(Effect.tryPromise(() => db.execute(sql.raw(statement)))).pipe(
            Effect.map((error) => String((error.error as { cause?: unknown }).cause ?? error.error))
          )
        expect(yield* refused(`update audit_log set actor = 'mallory' where run_id = '${run.id}'`)).toContain("audit_log is append-only: UPDATE is refused")
        expect(yield* refused(`delete from audit_log where run_id = '${run.id}'`)).toContain("audit_log is append-only: DELETE is refused")
        expect(yield* refused("truncate audit_log")).toContain("audit_log is append-only: TRUNCATE is refused")
        yield* Effect.promise(() => db.execute(sql.raw(`delete from runs where id = '${run.id}'`)))
        expect((yield* store.auditLog(run.id)).map((r) => [r.actor, r.message])).toEqual([["op", "created"]])
      }))
  })
}
