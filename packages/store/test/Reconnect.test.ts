import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Ids, type Run, RunStore } from "@pyexec/core"
import { PrivatePostgres } from "@pyexec/testing"
import { Context, Effect, Fiber, Layer, Option, Redacted, Ref } from "effect"
import postgres from "postgres"
import { PostgresStore } from "../src/index.js"
import { attempt, queued, step, uniqueId } from "./stores.js"

// A Postgres server of this file's own: these tests stop, restart and kill it.
let server: PrivatePostgres.PrivatePostgres
beforeAll(async () => {
  server = await PrivatePostgres.create()
})
afterAll(() => server?.destroy())

const storeAt = (url: string, options: PostgresStore.PostgresOptions = {}) => PostgresStore.layer(Redacted.make(url), options)

/** The store of a layer, opened in the current scope. */
const open = (url: string, options: PostgresStore.PostgresOptions = {}) =>
  Effect.map(Layer.build(storeAt(url, options)), Context.get(RunStore.RunStore))

/** A connection of the test's own, for what a DBA would do by hand. */
const admin = Effect.acquireRelease(
  Effect.sync(() => postgres(server.url, { max: 1, onnotice: () => {} })),
  (sql) => Effect.promise(() => sql.end())
)
const run = <A>(promise: () => Promise<A>) => Effect.promise(promise)

/** Polls every 5 ms until the probe finds something. */
const waitFor = <A, E, R>(probe: Effect.Effect<Option.Option<A>, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(probe, Option.match({ onSome: Effect.succeed, onNone: () => Effect.zipRight(Effect.sleep("5 millis"), waitFor(probe)) }))

/** Every transition of the run stored once: contiguous checkpoints, the right version, one audit row each. */
const expectStoredOnce = (store: RunStore.RunStore["Type"], runId: Ids.RunId, transitions: number) =>
  Effect.gen(function* () {
    const seqs = Array.from({ length: transitions + 1 }, (_, i) => i)
    expect((yield* store.get(runId)).version).toBe(transitions)
    expect((yield* store.checkpoints(runId)).map((c) => c.seq)).toEqual(seqs)
    expect((yield* store.auditLog(runId)).map((r) => r.detail?.version)).toEqual(seqs)
  })

const statuses = ["generating", "analyzing", "executing"] as const

describe("a store on a Postgres that restarts", () => {
  it.scopedLive("stores every transition exactly once through a fast restart and a kill -9, and no error reaches the caller", () =>
    Effect.gen(function* () {
      const store = yield* open(server.url)
      const runs = 6
      const transitions = 50
      const committed = yield* Ref.make(0)
      const drive = (start: Run.Run) =>
        Effect.iterate(start, {
          while: (r) => r.version < transitions,
          body: (r) => {
            const next = step(r, { status: statuses[r.version % 3]!, attempts: [attempt(1, `step = ${r.version + 1}`)] })
            return store.commit({ next, expectedVersion: r.version, event: `step ${next.version}` }).pipe(Effect.zipLeft(Ref.update(committed, (n) => n + 1)))
          }
        })
      const created = yield* Effect.forEach(Array.from({ length: runs }, () => queued(uniqueId("steady"))), (run) => store.create(run))
      const reached = (n: number) => waitFor(Effect.map(Ref.get(committed), (c) => (c >= n ? Option.some(c) : Option.none())))
      const outages = Effect.gen(function* () {
        yield* reached(80)
        yield* run(server.restart)
        yield* reached(180)
        yield* run(server.kill)
        yield* Effect.sleep("300 millis")
        yield* run(server.start)
        return yield* Ref.get(committed)
      })
      const [whenBack] = yield* Effect.all([outages, Effect.forEach(created, drive, { concurrency: "unbounded" })], { concurrency: "unbounded" })
      // The stream was still going when the server came back: the kill hit it mid-way.
      expect(whenBack).toBeLessThan(runs * transitions)
      yield* Effect.forEach(created, (r) => expectStoredOnce(store, r.id, transitions))
    }))

  it.scopedLive("a write whose connection dies during COMMIT, after the commit, is not applied twice and reports success", () =>
    Effect.gen(function* () {
      const store = yield* open(server.url)
      const sql = yield* admin
      // COMMIT waits for a synchronous standby that never comes: the commit is durable here, the client
      // hears nothing, and a terminated backend closes its connection: the broken-COMMIT case, on cue.
      yield* run(() => sql`alter system set synchronous_standby_names = 'pyexec_nobody'`)
      yield* run(server.restart)
      const breakStalledCommit = Effect.gen(function* () {
        const pid = yield* waitFor(
          run(() => sql<{ pid: number }[]>`select pid from pg_stat_activity where wait_event = 'SyncRep'`).pipe(Effect.map((rows) => Option.fromNullable(rows[0]?.pid)))
        )
        yield* run(() => sql`select pg_terminate_backend(${pid})`)
      })

      const created = queued(uniqueId("broken-commit"))
      const creating = yield* Effect.fork(store.create(created))
      yield* breakStalledCommit
      expect(yield* Fiber.join(creating)).toEqual(created)

      const next = step(created, { status: "analyzing", attempts: [attempt(1)] })
      const committing = yield* Effect.fork(store.commit({ next, expectedVersion: 0, event: "code ready" }))
      yield* breakStalledCommit
      // The retry's own COMMIT must not stall too.
      yield* run(() => sql`alter system reset synchronous_standby_names`)
      yield* run(() => sql`select pg_reload_conf()`)
      expect(yield* Fiber.join(committing)).toEqual(next)

      yield* expectStoredOnce(store, created.id, 1)
      expect((yield* store.auditLog(created.id)).map((r) => r.message)).toEqual(["created", "code ready"])
    }))

  it.scopedLive("a store opened while Postgres is down connects when it comes back", () =>
    Effect.gen(function* () {
      yield* run(server.stop)
      const opening = yield* Effect.fork(Effect.flatMap(open(server.url), (store) => store.count()))
      yield* Effect.sleep("500 millis")
      expect(yield* Fiber.poll(opening)).toEqual(Option.none())
      yield* run(server.start)
      expect(yield* Fiber.join(opening)).toBeGreaterThan(0)
    }))

  it.scopedLive("gives up after retryFor with a message that names the database, not its password, and what to check; then recovers", () =>
    Effect.gen(function* () {
      const url = `postgres://postgres:s3cret@127.0.0.1:${server.port}/postgres`
      const expectUnavailable = (error: { _tag: string; message: string }) => {
        expect(error).toMatchObject({ _tag: "StoreError", reason: "unavailable" })
        expect(error.message).toContain(`Postgres at postgres://postgres:***@127.0.0.1:${server.port}/postgres could not be reached for 1 s`)
        expect(error.message).toContain("check that Postgres runs")
        expect(error.message).not.toContain("s3cret")
      }
      const store = yield* open(url, { retryFor: "1 second" })
      yield* run(server.stop)
      expectUnavailable(yield* Effect.flip(store.get(Ids.RunId.make("any"))))
      expectUnavailable(yield* Effect.flip(Effect.scoped(open(url, { retryFor: "1 second" }))))
      yield* run(server.start)
      expect(yield* store.count()).toBeGreaterThan(0)
    }))

  it.scopedLive("does not retry what a retry cannot fix: a duplicate, a stale version, a missing database", () =>
    Effect.gen(function* () {
      const store = yield* open(server.url)
      const created = yield* store.create(queued(uniqueId("once")))
      const started = Date.now()
      const duplicate = yield* Effect.flip(store.create(created))
      expect(duplicate).toMatchObject({ _tag: "StoreError", reason: "query" })
      expect(duplicate.message).toBe('store: creating a run failed: duplicate key value violates unique constraint "runs_pkey"')
      expect(yield* Effect.flip(store.commit({ next: step(created, {}), expectedVersion: 7, event: "late" }))).toMatchObject({ _tag: "StaleRun" })
      const missing = yield* Effect.flip(Effect.scoped(open(server.url.replace(/\/postgres$/, "/nope"))))
      expect(missing.message).toMatch(/^cannot use Postgres at postgres:\/\/postgres@127\.0\.0\.1:\d+\/nope: database "nope" does not exist: check that/)
      expect(Date.now() - started).toBeLessThan(1_000)
    }))
})
