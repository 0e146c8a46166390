import { expect, layer } from "@effect/vitest"
import { type Approval, type Errors, Ids, InputFiles, type Run, RunStore } from "@pyexec/core"
import { FakeRunStore } from "@pyexec/core/testing"
import { Effect, type Layer, Option } from "effect"
import { attempt, codeSha256, engines, queued, step, uniqueId } from "./stores.js"

// The same cases on the in-memory fake (core's kernel tests run on it) and on the SQL stores: where they differ, the fake lies.
const stores: ReadonlyArray<readonly [string, () => Layer.Layer<RunStore.RunStore, Errors.StoreError>]> = [["the fake store", FakeRunStore.layer], ...engines]

const a1 = attempt(1)

const decision = (runId: Ids.RunId, verdict: Approval.ApprovalVerdict, decidedBy: string): Approval.ApprovalDecision => ({
  runId,
  codeSha256,
  verdict,
  decidedBy,
  decidedAt: "2026-01-01T00:00:02.000Z"
})

const at = (t: string) => ({ createdAt: t, updatedAt: t })
/** Creates a run in a status, made and last changed at a time. */
const createAt = (store: RunStore.RunStore["Type"]) => (label: string, status: Run.Run["status"], time: string) =>
  store.create(queued(uniqueId(label), { status, ...at(time) }))
const lease = (worker: string, leaseMs = 60_000) => ({ worker, leaseMs })
const idOf = (claimed: Option.Option<{ readonly id: string }>) => Option.getOrUndefined(Option.map(claimed, (r) => r.id))
const mutable = <A>(value: A) => value as { -readonly [K in keyof A]: A[K] }

for (const [name, store] of stores) {
  layer(store(), { excludeTestServices: true, timeout: "60 seconds" })(`runs on ${name}`, (it) => {
    it.effect("create stores a run that get reads back (timestamps in ISO 8601); an unknown id is RunNotFound, a second create of an id fails", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const given = queued(uniqueId("created"), { attempts: [attempt(1)], createdAt: "2026-01-01T02:00:00+02:00", updatedAt: "2026-01-01T02:00:01+02:00" })
        const expected = { ...given, attempts: [attempt(1)], createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:01.000Z" }
        expect(yield* store.create(given)).toEqual(given)
        expect(yield* store.get(given.id)).toEqual(expected)

        const missing = uniqueId("missing")
        expect(yield* Effect.flip(store.get(missing))).toMatchObject({ _tag: "RunNotFound", runId: missing })
        const again = yield* Effect.flip(store.create({ ...expected, status: "failed" }))
        expect(again).toMatchObject({ _tag: "StoreError", reason: "query", message: `store: creating a run failed: duplicate key value violates unique constraint "runs_pkey"` })
        expect(yield* store.get(given.id)).toEqual(expected)
        expect(yield* store.checkpoints(given.id)).toHaveLength(1)
        expect(yield* store.auditLog(given.id)).toHaveLength(1)
      }))

    it.effect("every fact of an attempt is kept through a commit: where it runs, its preview, its write ledger", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("facts"), { status: "analyzing", attempts: [attempt(1)] }))
        const write = { channel: "SR:Q01:CURRENT_SP", protocol: "ca" as const, library: "pyepics", before: 10, value: 11, at: "2026-01-01T00:00:01.000Z" }
        const full = {
          ...attempt(1),
          executor: "local" as const,
          preview: { writes: [{ ...write, state: "planned" as const }], durationMs: 80 },
          result: { exitCode: 0, stdout: "", stderr: "", stdoutTruncated: false, stderrTruncated: false, results: {}, resultsPresent: true, figures: [], durationMs: 90, timedOut: false, error: null, writes: [{ ...write, state: "completed" as const }] }
        }
        const next = yield* store.commit({ next: { ...run, status: "succeeded", attempts: [full], version: 1 }, expectedVersion: 0, event: "ran" })
        expect((yield* store.get(run.id)).attempts).toEqual(next.attempts)
        expect((yield* store.get(run.id)).attempts[0]).toMatchObject({ executor: "local", preview: { writes: [{ state: "planned" }] }, result: { writes: [{ state: "completed" }] } })
      }))

    it.effect("what a caller gives or gets is a copy: changing it changes nothing stored", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const id = uniqueId("copied")
        const waiting = () => queued(id, { status: "awaiting_approval", attempts: [attempt(1)], ...at("2026-01-01T00:00:00.000Z") })
        const given = waiting()
        yield* store.create(given)
        mutable(given.request).requester = "mallory"
        const taken = [
          yield* store.get(id),
          ...(yield* store.unheld("awaiting_approval")).filter((r) => r.id === id),
          ...(yield* store.waitingSince("2026-01-02T00:00:00.000Z")).filter((r) => r.id === id),
          Option.getOrThrow(yield* store.claim(lease("w"), { runId: id }))
        ]
        expect(taken).toHaveLength(4)
        for (const run of taken) {
          mutable(run).status = "failed"
          mutable(run.request).requester = "mallory"
          mutable(run.attempts[0]!).code = "changed"
        }
        mutable((yield* store.checkpoints(id))[0]!).event = "changed"
        mutable((yield* store.auditLog(id))[0]!.detail!).toStatus = "failed"
        expect(yield* store.get(id)).toEqual(waiting())
        expect((yield* store.checkpoints(id))[0]?.event).toBe("created")
        expect((yield* store.auditLog(id))[0]?.detail).toMatchObject({ toStatus: "awaiting_approval" })

        const next = { ...waiting(), status: "approved" as const, version: 1 }
        yield* store.commit({ next, expectedVersion: 0, event: "approved" })
        mutable(next.request).requester = "mallory"
        expect(yield* store.get(id)).toEqual({ ...waiting(), status: "approved", version: 1 })
      }))

    it.effect("list gives summaries newest first (then by id), filtered and paged; count ignores limit and offset", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const requester = uniqueId("lister")
        const other = uniqueId("other")
        const base = uniqueId("listed")
        const create = (suffix: string, overrides: Partial<Run.Run>) => store.create(queued(Ids.RunId.make(`${base}-${suffix}`), overrides))
        yield* create("a", { ...at("2026-01-01T00:00:00.000Z"), attempts: [a1], request: { code: '"""Mean of the BPM readings."""\nresults = {}', requester } })
        yield* create("b", { ...at("2026-01-03T00:00:00.000Z"), status: "failed", request: { query: "mean current", requester } })
        yield* create("c", { ...at("2026-01-02T00:00:00.000Z"), request: { query: "same time, first id", requester } })
        yield* create("d", { ...at("2026-01-02T00:00:00.000Z"), request: { query: "same time, second id", requester } })
        yield* create("e", { ...at("2026-01-04T00:00:00.000Z"), request: { query: "someone else's", requester: other } })
        const ids = (summaries: ReadonlyArray<RunStore.RunSummary>) => summaries.map((s) => s.id.slice(base.length + 1))

        const all = yield* store.list({ requester })
        expect(ids(all)).toEqual(["b", "d", "c", "a"])
        expect(all[0]).toEqual({
          id: `${base}-b`,
          status: "failed",
          requester,
          title: "mean current",
          attempts: 0,
          createdAt: "2026-01-03T00:00:00.000Z",
          updatedAt: "2026-01-03T00:00:00.000Z"
        })
        expect(all[3]).toMatchObject({ title: "Mean of the BPM readings.", attempts: 1 })
        expect(ids(yield* store.list({ requester, status: "queued" }))).toEqual(["d", "c", "a"])
        expect(ids(yield* store.list({ requester, limit: 2, offset: 1 }))).toEqual(["d", "c"])
        expect(ids(yield* store.list({ requester, offset: 3 }))).toEqual(["a"])
        expect(ids(yield* store.list({ requester: other }))).toEqual(["e"])
        expect(yield* store.list({ requester: other, status: "failed" })).toEqual([])
        expect(yield* store.count({ requester })).toBe(4)
        expect(yield* store.count({ requester, status: "queued", limit: 1, offset: 2 })).toBe(3)
        expect(yield* store.count({ requester: uniqueId("nobody") })).toBe(0)
      }))

    it.effect("find takes a whole id or the start of one run's id; the start of several is AmbiguousRunId, of none RunNotFound", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const base = uniqueId("prefix")
        const one = yield* store.create(queued(Ids.RunId.make(`${base}-1a`)))
        yield* store.create(queued(Ids.RunId.make(`${base}-2a`)))
        yield* store.create(queued(Ids.RunId.make(`${base}-2b`)))
        yield* store.create(queued(Ids.RunId.make(`${base}_3`)))
        expect((yield* RunStore.find(store, one.id)).id).toBe(one.id)
        expect((yield* RunStore.find(store, `${base}-1`)).id).toBe(one.id)
        const ambiguous = yield* Effect.flip(RunStore.find(store, `${base}-2`))
        expect(ambiguous.message).toBe(`run id ${base}-2 is the start of several runs' ids (${base}-2a, ${base}-2b): give more of it`)
        // LIKE's wildcards in what was typed are plain characters
        expect(yield* Effect.flip(RunStore.find(store, `${base}%`))).toMatchObject({ _tag: "RunNotFound", runId: `${base}%` })
        expect((yield* RunStore.find(store, `${base}_`)).id).toBe(`${base}_3`)
      }))

    it.effect("list gives at most 50 runs unless asked for more", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const requester = uniqueId("many")
        yield* Effect.forEach(Array.from({ length: 51 }), () => store.create(queued(uniqueId("many"), { request: { query: "q", requester } })))
        expect(yield* store.list({ requester })).toHaveLength(50)
        expect(yield* store.list({ requester, limit: 60 })).toHaveLength(51)
        expect(yield* store.count({ requester })).toBe(51)
      }))

    it.effect("commit is a compare-and-set: a transition from a version that moved on is StaleRun and changes nothing", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const created = yield* store.create(queued(uniqueId("cas")))
        const analyzing = step(created, { status: "analyzing", attempts: [a1] })
        expect(yield* store.commit({ next: analyzing, expectedVersion: 0, event: "code ready" })).toEqual(analyzing)
        const late = yield* Effect.flip(store.commit({ next: step(created, { status: "failed" }), expectedVersion: 0, event: "late" }))
        expect(late).toMatchObject({ _tag: "StaleRun", runId: created.id, message: `run ${created.id} changed since version 0: the change was not applied` })

        const never = queued(uniqueId("never-created"))
        const unknown = yield* Effect.flip(store.commit({ next: step(never, {}), expectedVersion: 0, event: "lost" }))
        expect(unknown).toMatchObject({ _tag: "StaleRun", message: `run ${never.id} changed since version 0: the change was not applied` })

        // A transition that keeps the version collides with that version's checkpoint: it fails whole.
        const unbumped = yield* Effect.flip(store.commit({ next: { ...analyzing, status: "failed" }, expectedVersion: 1, event: "same version" }))
        expect(unbumped).toMatchObject({ _tag: "StoreError", reason: "query" })
        expect(yield* store.get(created.id)).toEqual(analyzing)
        expect((yield* store.checkpoints(created.id)).map((c) => c.event)).toEqual(["created", "code ready"])
        expect((yield* store.auditLog(created.id)).map((r) => r.message)).toEqual(["created", "code ready"])
      }))

    it.effect("a transition writes the run but its creation time, and of its attempts only the newest", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const created = yield* store.create(
          queued(uniqueId("attempts"), { attempts: [a1], outcome: { reason: "timeout", message: "too slow" }, notebookPath: "/tmp/r.ipynb" })
        )
        const { outcome: _outcome, notebookPath: _notebook, ...cleared } = created
        const second = attempt(2, "x = 2")
        const next = step(cleared, { status: "generating", createdAt: "2030-01-01T00:00:00.000Z", attempts: [{ ...a1, code: "rewritten" }, second] })
        yield* store.commit({ next, expectedVersion: 0, event: "retry" })
        const read = yield* store.get(created.id)
        expect(read).toEqual({ ...next, createdAt: created.createdAt, attempts: [a1, second] })
        expect(read).not.toHaveProperty("outcome")

        const failed = step(read, { status: "analyzing", attempts: [a1, { ...second, error: { kind: "runtime", message: "boom" } }] })
        yield* store.commit({ next: failed, expectedVersion: 1, event: "attempt 2 failed" })
        expect((yield* store.get(created.id)).attempts.map((a) => a.error?.message)).toEqual([undefined, "boom"])
      }))

    it.effect("checkpoints: one per create and transition, by seq (the run's version), with the run's time", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const created = yield* store.create(queued(uniqueId("checkpointed"), at("2026-01-01T00:00:00.000Z")))
        const generating = { ...step(created, { status: "generating" }), updatedAt: "2026-01-01T00:00:05.000Z" }
        yield* store.commit({ next: generating, expectedVersion: 0, event: "generating" })
        const skipped = { ...step(generating, { status: "analyzing" }), version: 5, updatedAt: "2026-01-01T00:00:09.000Z" }
        yield* store.commit({ next: skipped, expectedVersion: 1, event: "analyzing" })
        expect(yield* store.checkpoints(created.id)).toEqual([
          { seq: 0, fromStatus: null, toStatus: "queued", event: "created", at: "2026-01-01T00:00:00.000Z" },
          { seq: 1, fromStatus: "queued", toStatus: "generating", event: "generating", at: "2026-01-01T00:00:05.000Z" },
          { seq: 5, fromStatus: "generating", toStatus: "analyzing", event: "analyzing", at: "2026-01-01T00:00:09.000Z" }
        ])
        expect(yield* store.checkpoints(uniqueId("unknown"))).toEqual([])
      }))

    it.effect("audit rows: one per create and transition in the same step, a decision by who decided, refusals by audit()", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const started = Date.now()
        const created = yield* store.create(queued(uniqueId("audited"), { request: { code: "x = 1", requester: "carol" } }))
        const runId = created.id
        const analyzing = yield* store.commit({ next: step(created, { status: "analyzing", attempts: [a1] }), expectedVersion: 0, event: "code ready" })
        const waiting = yield* store.commit({ next: step(analyzing, { status: "awaiting_approval" }), expectedVersion: 1, event: "needs approval" })
        const approved = yield* store.commit({ next: step(waiting, { status: "approved" }), expectedVersion: 2, event: "approved", approval: decision(runId, "approved", "alice") })
        const again = yield* Effect.flip(
          store.commit({ next: step(approved, {}), expectedVersion: 3, event: "approved again", approval: decision(runId, "approved", "bob") })
        )
        expect(again).toMatchObject({ _tag: "StaleRun", runId, message: `attempt 1 of run ${runId} was already decided` })
        expect((yield* store.get(runId)).version).toBe(3)
        const stopped = yield* store.commit({ next: step(approved, { status: "interrupted" }), expectedVersion: 3, event: "server stopped", actor: "worker-1" })
        yield* store.commit({ next: step(stopped, {}), expectedVersion: 4, event: "still stopped" })
        yield* store.audit({ runId, actor: "bob", action: "refused", message: "already decided", detail: { reason: "already-decided" } })
        yield* store.audit({ runId, actor: "eve", action: "refused", message: "not allowed" })

        const log = yield* store.auditLog(runId)
        const facts = (fromStatus: string | null, toStatus: string, version: number, sha = true) => ({
          fromStatus,
          toStatus,
          version,
          ...(sha ? { codeSha256 } : {})
        })
        expect(log.map(({ id: _id, at: _at, ...row }) => row)).toStrictEqual([
          { runId, actor: "carol", action: "transition", message: "created", detail: facts(null, "queued", 0, false) },
          { runId, actor: "pyexec", action: "transition", message: "code ready", detail: facts("queued", "analyzing", 1) },
          { runId, actor: "pyexec", action: "transition", message: "needs approval", detail: facts("analyzing", "awaiting_approval", 2) },
          { runId, actor: "alice", action: "approved", message: "approved", detail: facts("awaiting_approval", "approved", 3) },
          { runId, actor: "worker-1", action: "interrupted", message: "server stopped", detail: facts("approved", "interrupted", 4) },
          { runId, actor: "pyexec", action: "transition", message: "still stopped", detail: facts("interrupted", "interrupted", 5) },
          { runId, actor: "bob", action: "refused", message: "already decided", detail: { reason: "already-decided" } },
          { runId, actor: "eve", action: "refused", message: "not allowed" }
        ])
        expect(log.map((r) => r.id)).toEqual(log.map((r) => r.id).sort((a, b) => a - b))
        expect(new Set(log.map((r) => r.id)).size).toBe(log.length)
        for (const { at } of log) {
          expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
          expect(Date.parse(at)).toBeGreaterThanOrEqual(started - 1_000)
          expect(Date.parse(at)).toBeLessThanOrEqual(Date.now() + 1_000)
        }
        expect(yield* store.auditLog(uniqueId("silent"))).toEqual([])
      }))

    it.effect("a rejection and an expiry are named by their action; the next attempt can be decided again; a given actor comes first", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const waiting = yield* store.create(queued(uniqueId("rejected"), { status: "awaiting_approval", attempts: [a1] }))
        const rejected = yield* store.commit({ next: step(waiting, { status: "rejected" }), expectedVersion: 0, event: "rejected", approval: decision(waiting.id, "rejected", "dave") })
        yield* store.commit({
          next: step(rejected, { status: "approved", attempts: [a1, attempt(2)] }),
          expectedVersion: 1,
          event: "attempt 2 approved",
          approval: decision(waiting.id, "approved", "erin"),
          actor: "review-page"
        })
        const expiring = yield* store.create(queued(uniqueId("expired"), { status: "awaiting_approval", attempts: [a1] }))
        yield* store.commit({ next: step(expiring, { status: "expired" }), expectedVersion: 0, event: "approval expired" })
        expect((yield* store.auditLog(waiting.id)).map((r) => [r.actor, r.action])).toEqual([
          ["op", "transition"],
          ["dave", "rejected"],
          ["review-page", "approved"]
        ])
        expect((yield* store.auditLog(expiring.id)).map((r) => [r.actor, r.action])).toEqual([
          ["op", "transition"],
          ["pyexec", "expired"]
        ])
      }))

    it.effect("an approval the run waits on after is kept with its attempt; many may come, but one decision settles an attempt", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const requirement = { because: "*:GV* (SR:V1:GV2)", approvals: 2 }
        const waiting = yield* store.create(queued(uniqueId("routed"), { status: "awaiting_approval", attempts: [{ ...a1, routing: [requirement] }] }))
        const alice = { ...decision(waiting.id, "approved", "alice"), groups: ["vacuum"] }
        const once = yield* store.commit({ next: step(waiting, { attempts: [{ ...a1, routing: [requirement], approvals: [alice] }] }), expectedVersion: 0, event: "approved by alice", approval: alice })
        expect((yield* store.get(waiting.id)).attempts[0]).toMatchObject({ routing: [requirement], approvals: [alice] })
        const bob = decision(waiting.id, "approved", "bob")
        const settled = yield* store.commit({ next: step(once, { status: "approved", attempts: [{ ...a1, routing: [requirement], approvals: [alice], approval: bob }] }), expectedVersion: 1, event: "approved by alice, bob", approval: bob })
        const again = yield* Effect.flip(store.commit({ next: step(settled, { status: "approved" }), expectedVersion: 2, event: "approved again", approval: decision(waiting.id, "approved", "carol") }))
        expect(again).toMatchObject({ _tag: "StaleRun", message: `attempt 1 of run ${waiting.id} was already decided` })
        expect((yield* store.auditLog(waiting.id)).map((r) => [r.actor, r.action])).toEqual([
          ["op", "transition"],
          ["alice", "approved"],
          ["bob", "approved"]
        ])
      }))
  })

  layer(store(), { excludeTestServices: true, timeout: "60 seconds" })(`claims on ${name}`, (it) => {
    it.effect("a held run is refused to every claim, its holder's too, until its lease runs out", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("held")))
        expect(Option.getOrThrow(yield* store.claim(lease("a", 200), { runId: run.id }))).toEqual(run)
        expect(yield* store.claim(lease("b"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.claim(lease("a", 200), { runId: run.id })).toEqual(Option.none())
        yield* Effect.sleep("300 millis")
        expect(idOf(yield* store.claim(lease("b"), { runId: run.id }))).toBe(run.id)
        expect(yield* store.claim(lease("a"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.claim(lease("a"), { runId: uniqueId("missing") })).toEqual(Option.none())
      }))

    it.effect("a run created held is its creator's from the start: no claim takes it, by id or by status, until its lease runs out", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("created-held")), lease("creator", 200))
        expect(yield* store.claim(lease("poller"), { statuses: ["queued"] })).toEqual(Option.none())
        expect(yield* store.claim(lease("poller"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.renew(run.id, lease("poller"))).toBe(false)
        expect(yield* store.renew(run.id, lease("creator", 200))).toBe(true)
        yield* Effect.sleep("300 millis")
        expect(idOf(yield* store.claim(lease("poller"), { statuses: ["queued"] }))).toBe(run.id)
      }))

    it.effect("a claim by statuses takes the oldest run in them that no live lease holds", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const create = createAt(store)
        const live = yield* create("live", "approved", "2025-12-30T00:00:00.000Z")
        const lapsed = yield* create("lapsed", "approved", "2025-12-31T00:00:00.000Z")
        yield* create("other-status", "analyzing", "2025-01-01T00:00:00.000Z")
        const newer = yield* create("newer", "approved", "2026-01-03T00:00:00.000Z")
        const oldest = yield* create("oldest", "approved", "2026-01-01T00:00:00.000Z")
        const middle = yield* create("middle", "generating", "2026-01-02T00:00:00.000Z")
        yield* store.claim(lease("live-worker"), { runId: live.id })
        yield* store.claim(lease("dead-worker", 100), { runId: lapsed.id })
        yield* Effect.sleep("200 millis")
        const statuses = { statuses: ["approved", "generating"] as const }
        const taken = yield* Effect.forEach(["w1", "w2", "w3", "w4", "w5"], (w) => Effect.map(store.claim(lease(w), statuses), idOf))
        expect(taken).toEqual([lapsed.id, oldest.id, middle.id, newer.id, undefined])
        expect(yield* store.claim(lease("w6"), { statuses: [] })).toEqual(Option.none())
      }))

    it.effect("renew extends only the holder's lease, also a lapsed one no one took; release frees the run only for its holder", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("renewed")))
        const lapsing = yield* store.create(queued(uniqueId("lapsing")))
        yield* store.claim(lease("a", 200), { runId: run.id })
        yield* store.claim(lease("a", 100), { runId: lapsing.id })
        expect(yield* store.renew(run.id, lease("b"))).toBe(false)
        expect(yield* store.renew(run.id, lease("a"))).toBe(true)
        yield* Effect.sleep("300 millis")
        expect(yield* store.claim(lease("b"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.renew(lapsing.id, lease("a"))).toBe(true)
        expect(yield* store.claim(lease("b"), { runId: lapsing.id })).toEqual(Option.none())
        yield* store.release(run.id, "b")
        expect(yield* store.claim(lease("b"), { runId: run.id })).toEqual(Option.none())
        yield* store.release(run.id, "a")
        expect(yield* store.renew(run.id, lease("a"))).toBe(false)
        expect(idOf(yield* store.claim(lease("b"), { runId: run.id }))).toBe(run.id)
        const never = yield* store.create(queued(uniqueId("never-claimed")))
        expect(yield* store.renew(never.id, lease("a"))).toBe(false)
      }))

    it.effect("a transition leaves the claim alone", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("moving")))
        yield* store.claim(lease("a"), { runId: run.id })
        yield* store.commit({ next: step(run, { status: "executing", attempts: [a1] }), expectedVersion: 0, event: "approved" })
        expect(yield* store.claim(lease("b"), { runId: run.id })).toEqual(Option.none())
        expect(yield* store.renew(run.id, lease("a"))).toBe(true)
      }))

    it.effect("unheld gives the runs in a status whose lease ran out or that no one holds, oldest first", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const executing = (label: string, time: string) => store.create(queued(uniqueId(label), { status: "executing", attempts: [a1], ...at(time) }))
        const crashed = yield* executing("crashed", "2026-01-02T00:00:00.000Z")
        const alive = yield* executing("alive", "2026-01-01T00:00:00.000Z")
        const never = yield* executing("never-held", "2026-01-01T12:00:00.000Z")
        const queuedRun = yield* store.create(queued(uniqueId("queued-unheld")))
        yield* store.claim(lease("dead-worker", 100), { runId: crashed.id })
        yield* store.claim(lease("live-worker"), { runId: alive.id })
        yield* Effect.sleep("200 millis")
        const ours = [crashed.id, alive.id, never.id, queuedRun.id]
        const found = (yield* store.unheld("executing")).filter((r) => ours.includes(r.id))
        expect(found.map((r) => r.id)).toEqual([never.id, crashed.id])
        expect(found[1]).toEqual(crashed)
      }))

    it.effect("waitingSince gives the runs awaiting approval since strictly before a time, oldest first", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const create = createAt(store)
        const old = yield* create("old", "awaiting_approval", "2026-01-01T00:00:00.000Z")
        const older = yield* create("older", "awaiting_approval", "2025-12-31T00:00:00.000Z")
        const boundary = yield* create("boundary", "awaiting_approval", "2026-01-02T00:00:00.000Z")
        const recent = yield* create("recent", "awaiting_approval", "2026-01-03T00:00:00.000Z")
        const done = yield* create("done", "succeeded", "2025-12-01T00:00:00.000Z")
        const ours = [old.id, older.id, boundary.id, recent.id, done.id]
        const found = (yield* store.waitingSince("2026-01-02T00:00:00.000Z")).filter((r) => ours.includes(r.id))
        expect(found).toEqual([older, old])
      }))
    it.effect("census: runs counted by status (what /metrics serves), and since when the longest-waiting run waits", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const before = yield* store.census()
        yield* store.create(queued(uniqueId("census-q")))
        const waiting = yield* store.create(queued(uniqueId("census-w"), { status: "awaiting_approval", attempts: [a1] }))
        yield* store.create(queued(uniqueId("census-s"), { status: "succeeded", attempts: [a1] }))
        const after = yield* store.census()
        const delta = (status: "queued" | "awaiting_approval" | "succeeded" | "failed") => (after.byStatus[status] ?? 0) - (before.byStatus[status] ?? 0)
        expect([delta("queued"), delta("awaiting_approval"), delta("succeeded"), delta("failed")]).toEqual([1, 1, 1, 0])
        // the oldest waiting run: this one, unless one waits from before it
        expect(Date.parse(after.oldestWaitingSince!)).toBeLessThanOrEqual(Date.parse(waiting.updatedAt))
      }))

    it.effect("a request to cancel: the first is kept, it moves no version, and a run nobody asked about has none", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("cancel"), { status: "executing", attempts: [a1] }))
        expect(yield* store.cancelRequest(run.id)).toEqual(Option.none())
        yield* store.requestCancel(run.id, "op")
        yield* store.requestCancel(run.id, "bob")
        const request = Option.getOrThrow(yield* store.cancelRequest(run.id))
        expect(request.by).toBe("op")
        expect(request.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect((yield* store.get(run.id)).version).toBe(run.version)
      }))

    it.effect("live output: appended while the run executes the attempt, read after a seq, oldest first; nothing before or after", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const waiting = yield* store.create(queued(uniqueId("output-waiting"), { status: "awaiting_approval", attempts: [a1] }))
        yield* store.appendOutput(waiting.id, 1, "run", [{ stream: "stdout", text: "too early\n" }])
        expect(yield* store.outputAfter(waiting.id, -1)).toEqual([])

        const run = yield* store.create(queued(uniqueId("output"), { status: "executing", attempts: [a1] }))
        yield* store.appendOutput(run.id, 1, "run", [
          { stream: "stdout", text: "first\n" },
          { stream: "stderr", text: "warn é\n" },
          { stream: "stdout", text: "" }
        ])
        yield* store.appendOutput(run.id, 1, "run", [{ stream: "stdout", text: "second\n" }])
        // an older attempt's late batch is not stored
        yield* store.appendOutput(run.id, 0, "run", [{ stream: "stdout", text: "stale\n" }])
        const all = yield* store.outputAfter(run.id, -1)
        expect(all.map(({ attempt, stream, text }) => ({ attempt, stream, text }))).toEqual([
          { attempt: 1, stream: "stdout", text: "first\n" },
          { attempt: 1, stream: "stderr", text: "warn é\n" },
          { attempt: 1, stream: "stdout", text: "second\n" }
        ])
        expect(all[0]!.seq).toBeLessThan(all[1]!.seq)
        expect(all[1]!.seq).toBeLessThan(all[2]!.seq)
        expect(all[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect((yield* store.outputAfter(run.id, all[0]!.seq)).map((e) => e.text)).toEqual(["warn é\n", "second\n"])
        expect((yield* store.outputAfter(run.id, all[0]!.seq, 1)).map((e) => e.text)).toEqual(["warn é\n"])
        expect(yield* store.outputAfter(run.id, all[2]!.seq)).toEqual([])

        // a preview's output is stored only while the attempt is analyzed, and says it is the preview's
        yield* store.appendOutput(run.id, 1, "preview", [{ stream: "stdout", text: "not now\n" }])
        expect(yield* store.outputAfter(run.id, all[2]!.seq)).toEqual([])
        expect(all.every((e) => e.phase === "run")).toBe(true)
        const analyzing = yield* store.create(queued(uniqueId("output-preview"), { status: "analyzing", attempts: [a1] }))
        yield* store.appendOutput(analyzing.id, 1, "preview", [{ stream: "stdout", text: "planning\n" }])
        yield* store.appendOutput(analyzing.id, 1, "run", [{ stream: "stdout", text: "not yet\n" }])
        expect((yield* store.outputAfter(analyzing.id, -1)).map(({ phase, text }) => ({ phase, text }))).toEqual([{ phase: "preview", text: "planning\n" }])

        // the attempt's end is stored: a batch that comes after it stores nothing
        yield* store.commit({ next: step(run, { status: "succeeded" }), expectedVersion: run.version, event: "ran" })
        yield* store.appendOutput(run.id, 1, "run", [{ stream: "stdout", text: "too late\n" }])
        expect(yield* store.outputAfter(run.id, all[2]!.seq)).toEqual([])
        expect(yield* store.outputAfter(uniqueId("output-unknown"), -1)).toEqual([])
      }))

    it.effect("the model's reply: stored while the run generates the attempt it writes (the one after its newest), as phase generation; nothing before or after", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        // queued: not yet generating
        const queuedRun = yield* store.create(queued(uniqueId("reply-queued")))
        yield* store.appendOutput(queuedRun.id, 1, "generation", [{ stream: "stdout", text: "too early" }])
        expect(yield* store.outputAfter(queuedRun.id, -1)).toEqual([])

        // the first attempt, before it exists
        const run = yield* store.create(queued(uniqueId("reply"), { status: "generating" }))
        yield* store.appendOutput(run.id, 1, "generation", [{ stream: "stdout", text: "```python\n" }])
        yield* store.appendOutput(run.id, 1, "generation", [{ stream: "stdout", text: "results = {}" }])
        // not the code's output, nor a reply for an attempt it does not write
        yield* store.appendOutput(run.id, 1, "run", [{ stream: "stdout", text: "not now\n" }])
        yield* store.appendOutput(run.id, 2, "generation", [{ stream: "stdout", text: "not this one" }])
        const first = yield* store.outputAfter(run.id, -1)
        expect(first.map(({ attempt, phase, stream, text }) => ({ attempt, phase, stream, text }))).toEqual([
          { attempt: 1, phase: "generation", stream: "stdout", text: "```python\n" },
          { attempt: 1, phase: "generation", stream: "stdout", text: "results = {}" }
        ])

        // its code is ready (the attempt is stored): a late piece of its reply stores nothing
        const analyzing = yield* store.commit({ next: step(run, { status: "analyzing", attempts: [a1] }), expectedVersion: run.version, event: "code ready" })
        yield* store.appendOutput(run.id, 1, "generation", [{ stream: "stdout", text: "too late" }])
        expect(yield* store.outputAfter(run.id, first[1]!.seq)).toEqual([])

        // the next attempt's reply, while the run generates it; the first attempt's is kept
        yield* store.commit({ next: step(analyzing, { status: "generating" }), expectedVersion: analyzing.version, event: "generating attempt 2" })
        yield* store.appendOutput(run.id, 1, "generation", [{ stream: "stdout", text: "stale" }])
        yield* store.appendOutput(run.id, 2, "generation", [{ stream: "stdout", text: "second reply" }])
        expect((yield* store.outputAfter(run.id, -1)).map(({ attempt, text }) => `${attempt} ${text}`)).toEqual(["1 ```python\n", "1 results = {}", "2 second reply"])
      }))

    it.effect("live output: an attempt keeps at most 256 KiB, its newest; a later attempt keeps its own", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const run = yield* store.create(queued(uniqueId("output-bound"), { status: "executing", attempts: [a1] }))
        const line = (i: number) => `${String(i).padStart(6, "0")} ${"x".repeat(1016)}\n`
        for (let batch = 0; batch < 40; batch++) {
          yield* store.appendOutput(run.id, 1, "run", Array.from({ length: 10 }, (_, k) => ({ stream: "stdout" as const, text: line(batch * 10 + k) })))
        }
        const kept = yield* store.outputAfter(run.id, -1, 1000)
        const bytes = kept.reduce((n, e) => n + Buffer.byteLength(e.text), 0)
        expect(bytes).toBeLessThanOrEqual(256 * 1024)
        expect(bytes).toBeGreaterThan(128 * 1024)
        // the newest stayed, in order, without a gap; the oldest went
        expect(kept.at(-1)!.text).toBe(line(399))
        const numbers = kept.map((e) => Number(e.text.slice(0, 6)))
        expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 400 - numbers.length + i))
        expect(numbers[0]).toBeGreaterThan(0)

        // one chunk larger than the bound keeps its end
        const two = yield* store.commit({ next: step(run, { attempts: [a1, attempt(2)] }), expectedVersion: run.version, event: "attempt 2" })
        yield* store.appendOutput(two.id, 2, "run", [{ stream: "stderr", text: `${"a".repeat(300 * 1024)}THE END\n` }])
        const second = (yield* store.outputAfter(run.id, -1, 1000)).filter((e) => e.attempt === 2)
        expect(second).toHaveLength(1)
        expect(Buffer.byteLength(second[0]!.text)).toBeLessThanOrEqual(256 * 1024)
        expect(second[0]!.text.endsWith("THE END\n")).toBe(true)
        // attempt 1's output is still there
        expect((yield* store.outputAfter(run.id, -1, 1000)).filter((e) => e.attempt === 1).length).toBe(numbers.length)
      }))

    it.effect("an input file is kept by its SHA-256, once: the same bytes again change nothing; an unknown hash is none", () =>
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        const bytes = new Uint8Array([0, 1, 2, 255, ...new TextEncoder().encode(uniqueId("file"))])
        const sha256 = yield* store.saveInputFile(bytes)
        expect(sha256).toBe(InputFiles.sha256Of(bytes))
        expect(yield* store.saveInputFile(bytes)).toBe(sha256)
        const read = yield* store.inputFile(sha256)
        expect(Option.map(read, (b) => [...b])).toEqual(Option.some([...bytes]))
        expect(yield* store.inputFile("0".repeat(64))).toEqual(Option.none())
      }))
  })
}
