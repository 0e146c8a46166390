import { afterAll, beforeAll, describe, expect, it, layer } from "@effect/vitest"
import { Ids, RunStore } from "@pyexec/core"
import { PostgresDatabase } from "@pyexec/testing"
import { Effect, Option, Redacted } from "effect"
import postgres from "postgres"
import { PostgresStore } from "../src/index.js"
import { attempt, engines, queued, step, uniqueId } from "./stores.js"

const lease = (worker: string, leaseMs = 60_000) => ({ worker, leaseMs })

const idOf = (claimed: Option.Option<{ readonly id: string }>) => Option.getOrUndefined(Option.map(claimed, (r) => r.id))

for (const [engine, store] of engines) {
  layer(store(), { excludeTestServices: true, timeout: "60 seconds" })(`claims on ${engine}`, (it) => {
    it.effect("20 concurrent claimers take every queued run exactly once", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const ours = yield* Effect.forEach(Array.from({ length: 10 }, () => queued(uniqueId("queued"))), (run) => store.create(run))
        // Each worker claims until nothing is free, as a worker's poll loop does.
        const claimedBy = (worker: string) =>
          Effect.iterate([] as ReadonlyArray<string>, {
            while: (taken) => taken.length === 0 || taken[taken.length - 1] !== "",
            body: (taken) => Effect.map(store.claim(lease(worker), { statuses: ["queued"] }), (c) => [...taken, idOf(c) ?? ""])
          })
        const perWorker = yield* Effect.forEach(
          Array.from({ length: 20 }, (_, i) => `worker-${i}`),
          claimedBy,
          { concurrency: "unbounded" }
        )
        const claimed = perWorker.flat().filter((id) => id !== "")
        expect(new Set(claimed).size).toBe(claimed.length)
        expect(ours.map((r) => r.id).filter((id) => !claimed.includes(id))).toEqual([])
      }))

    it.effect("a transition leaves the claim alone", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("moving")))
        yield* store.claim(lease("a"), { runId: run.id })
        yield* store.commit({ next: step(run, { status: "executing", attempts: [attempt(1)] }), expectedVersion: 0, event: "approved" })
        expect(yield* store.claim(lease("b"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.renew(run.id, lease("a"))).toBe(true)
      }))

    it.effect("unheld finds the runs in a status whose holder's lease ran out, or that no one holds", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const executing = (label: string) => store.create(queued(uniqueId(label), { status: "executing", attempts: [attempt(1)] }))
        const crashed = yield* executing("crashed")
        const alive = yield* executing("alive")
        const never = yield* executing("never-held")
        const other = yield* store.create(queued(uniqueId("queued-unheld")))
        yield* store.claim(lease("dead-worker", 100), { runId: crashed.id })
        yield* store.claim(lease("live-worker"), { runId: alive.id })
        yield* Effect.sleep("200 millis")
        const found = yield* store.unheld("executing")
        const ids = found.map((r) => r.id)
        expect(ids).toContain(crashed.id)
        expect(ids).toContain(never.id)
        expect(ids).not.toContain(alive.id)
        expect(ids).not.toContain(other.id)
        expect(found.find((r) => r.id === crashed.id)).toEqual(crashed)
      }))

    it.effect("waitingSince finds the runs that wait for approval since before a time", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const at = (t: string) => ({ createdAt: t, updatedAt: t })
        const old = yield* store.create(queued(uniqueId("old"), { status: "awaiting_approval", ...at("2026-01-01T00:00:00.000Z") }))
        const recent = yield* store.create(queued(uniqueId("recent"), { status: "awaiting_approval", ...at("2026-01-03T00:00:00.000Z") }))
        const oldButDone = yield* store.create(queued(uniqueId("done"), { status: "succeeded", ...at("2026-01-01T00:00:00.000Z") }))
        const ids = (yield* store.waitingSince("2026-01-02T00:00:00.000Z")).map((r) => r.id)
        expect(ids).toContain(old.id)
        expect(ids).not.toContain(recent.id)
        expect(ids).not.toContain(oldButDone.id)
      }))

    it.effect("count and list filter by requester and status; count ignores limit and offset", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const alice = uniqueId("alice")
        const bob = uniqueId("bob")
        const by = (requester: string, status: "queued" | "failed") =>
          store.create(queued(uniqueId(requester), { status, request: { query: "q", requester } }))
        yield* Effect.all([by(alice, "queued"), by(alice, "queued"), by(alice, "failed"), by(bob, "failed")])
        expect(yield* store.count({ requester: alice })).toBe(3)
        expect(yield* store.count({ requester: alice, status: "failed" })).toBe(1)
        expect(yield* store.count({ requester: alice, limit: 1, offset: 1 })).toBe(3)
        expect(yield* store.count({ requester: uniqueId("nobody") })).toBe(0)
        expect((yield* store.list({ requester: bob })).map((r) => [r.requester, r.status])).toEqual([[bob, "failed"]])
        expect(yield* store.list({ requester: alice, limit: 2 })).toHaveLength(2)
        expect(yield* store.count()).toBeGreaterThanOrEqual(4)
      }))
  })
}

describe("claims on Postgres while another transaction holds a row", () => {
  let database: PostgresDatabase.TestDatabase
  beforeAll(async () => {
    database = await PostgresDatabase.create()
  })
  afterAll(() => database?.drop())

  it.live("pass over the locked run instead of waiting for it", () =>
    Effect.gen(function* () {
      const store = yield* RunStore.RunStore
      const locked = yield* store.create(queued(Ids.RunId.make("locked"), { updatedAt: "2026-01-01T00:00:00.000Z" }))
      const free = yield* store.create(queued(Ids.RunId.make("free"), { updatedAt: "2026-01-02T00:00:00.000Z" }))
      const sql = postgres(database.url, { max: 1, onnotice: () => {} })
      yield* Effect.acquireUseRelease(
        Effect.succeed(sql),
        (sql) =>
          Effect.promise(() =>
            sql.begin(async (tx) => {
              await tx`select id from runs where id = ${locked.id} for update`
              // The oldest queued run is locked: the claim takes the next one, well before any lock timeout.
              const started = Date.now()
              const claimed = await Effect.runPromise(store.claim(lease("w"), { statuses: ["queued"] }))
              return { claimed: idOf(claimed), ms: Date.now() - started }
            })
          ),
        (sql) => Effect.promise(() => sql.end())
      ).pipe(
        Effect.tap(({ claimed, ms }) => {
          expect(claimed).toBe(free.id)
          expect(ms).toBeLessThan(1_000)
        })
      )
      expect(idOf(yield* store.claim(lease("w2"), { statuses: ["queued"] }))).toBe(locked.id)
    }).pipe(Effect.provide(PostgresStore.layer(Redacted.make(database.url)))))

  it.live("a claim by id waits for a transaction that holds the run's row, then takes it", () =>
    Effect.gen(function* () {
      // A decision's transaction that lost the race still holds the row for a moment after the winner committed:
      // the winner's claim must not pass the run over, or no one would drive the approved run.
      const store = yield* RunStore.RunStore
      const run = yield* store.create(queued(uniqueId("approved")))
      const claim = yield* Effect.acquireUseRelease(
        Effect.succeed(postgres(database.url, { max: 1, onnotice: () => {} })),
        (sql) =>
          Effect.promise(() =>
            sql.begin(async (tx) => {
              await tx`select id from runs where id = ${run.id} for update`
              let answered = false
              const claim = Effect.runPromise(store.claim(lease("winner"), { runId: run.id })).then((claimed) => {
                answered = true
                return claimed
              })
              await new Promise((resolve) => setTimeout(resolve, 300))
              return { claim, answeredWhileLocked: answered }
            })
          ),
        (sql) => Effect.promise(() => sql.end())
      )
      expect(claim.answeredWhileLocked).toBe(false)
      expect(idOf(yield* Effect.promise(() => claim.claim))).toBe(run.id)
    }).pipe(Effect.provide(PostgresStore.layer(Redacted.make(database.url)))))
})
