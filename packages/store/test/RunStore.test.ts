import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Ids, type Run, RunStore } from "@pyexec/core"
import { Effect, Layer } from "effect"
import { PgliteStore } from "../src/index.js"

const run: Run.Run = {
  id: Ids.RunId.make("r-1"),
  status: "queued",
  request: { code: "results = {'b': 1, 'a': 2}", requester: "op" },
  attempts: [],
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 0
}

const attempt = {
  number: 1,
  source: "request" as const,
  code: "results = {'b': 1, 'a': 2}",
  codeSha256: Ids.CodeSha256.make("c".repeat(64)),
  createdAt: "2026-01-01T00:00:01.000Z"
}

const withStore = <A, E>(f: (store: RunStore.RunStore["Type"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(RunStore.RunStore, f).pipe(Effect.provide(PgliteStore.layer()))

describe("SqlRunStore", () => {
  it.live("applies a transition once: a second one from the same version is refused", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.create(run)
        const next = { ...run, status: "analyzing" as const, attempts: [attempt], version: 1 }
        yield* store.commit({ next, expectedVersion: 0, event: "code ready" })
        const stale = yield* Effect.flip(store.commit({ next: { ...next, status: "failed" }, expectedVersion: 0, event: "late" }))
        expect(stale._tag).toBe("StaleRun")
        expect((yield* store.get(run.id)).status).toBe("analyzing")
        expect((yield* store.checkpoints(run.id)).map((c) => [c.fromStatus, c.toStatus])).toEqual([
          [null, "queued"],
          ["queued", "analyzing"]
        ])
      })
    ))

  it.live("keeps one decision per attempt, and the key order of results", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.create(run)
        const decision = { runId: run.id, codeSha256: attempt.codeSha256, verdict: "approved" as const, decidedBy: "a", decidedAt: run.createdAt }
        const result = {
          exitCode: 0,
          stdout: "",
          stderr: "",
          stdoutTruncated: false,
          stderrTruncated: false,
          results: { zeta: 1, alpha: 2 },
          resultsPresent: true,
          figures: [],
          durationMs: 1,
          timedOut: false,
          error: null
        }
        const approved = { ...run, status: "approved" as const, attempts: [{ ...attempt, approval: decision, result }], version: 1 }
        yield* store.commit({ next: approved, expectedVersion: 0, event: "approved", approval: decision })
        const second = yield* Effect.flip(
          store.commit({ next: { ...approved, version: 2 }, expectedVersion: 1, event: "approved again", approval: { ...decision, decidedBy: "b" } })
        )
        expect(second._tag).toBe("StaleRun")
        expect((yield* store.get(run.id)).version).toBe(1)
        expect(Object.keys((yield* store.get(run.id)).attempts[0]!.result!.results as object)).toEqual(["zeta", "alpha"])
      })
    ))

  it.live("lists runs newest first, with a filter", () =>
    withStore((store) =>
      Effect.gen(function* () {
        yield* store.create(run)
        yield* store.create({ ...run, id: Ids.RunId.make("r-2"), createdAt: "2026-01-02T00:00:00.000Z", request: { query: "mean current", requester: "op" } })
        expect((yield* store.list()).map((r) => [r.id, r.title])).toEqual([
          ["r-2", "mean current"],
          ["r-1", "results = {'b': 1, 'a': 2}"]
        ])
        expect(yield* store.list({ status: "failed" })).toEqual([])
        expect(yield* Effect.flip(store.get(Ids.RunId.make("nope")))).toMatchObject({ _tag: "RunNotFound" })
      })
    ))
})

describe("PgliteStore", () => {
  it.live("lets one process at a time open its folder, and takes over a lock left by a dead process", () =>
    Effect.gen(function* () {
      const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-lock-")), "db")
      const open = (lockWaitMs: number) => Layer.build(PgliteStore.layer({ dataDir, lockWaitMs }))
      yield* Effect.scoped(
        Effect.gen(function* () {
          yield* open(100)
          const busy = yield* Effect.flip(Effect.scoped(open(300)))
          expect(busy).toMatchObject({ _tag: "StoreError", reason: "locked" })
          expect(busy.message).toContain(`pid ${process.pid}`)
        })
      )
      expect(fs.existsSync(`${dataDir}.lock`)).toBe(false)
      fs.writeFileSync(`${dataDir}.lock`, "999999")
      yield* Effect.scoped(open(100))
    }))
})
