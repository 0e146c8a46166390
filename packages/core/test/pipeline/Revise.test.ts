import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type Identity, Pipeline, RunStore } from "../../src/index.js"
import { FakeExecutor, FakeGenerator, FakeKernel } from "../../src/testing/index.js"

const reviewer: Identity.Identity = { name: "bob", roles: ["approver"] }
const writeQ01 = `import epics\nepics.caput("SR:Q01:CURRENT_SP", 12, wait=True)\nresults = {}\n`
const writeQ02 = `import epics\nepics.caput("SR:Q02:CURRENT_SP", 12, wait=True)\nresults = {}\n`
const sendBack = (reason: string) => ({ verdict: "rejected" as const, comment: reason, revise: true })

describe("a reviewer sends a run back to the model with a reason", () => {
  it.live("the attempt is rejected with the reason, the model writes a new attempt told why, and that one waits for a decision", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ query: "set the quadrupole to 12 A", requester: "op" })
      expect(waiting.status).toBe("awaiting_approval")
      const again = yield* pyexec.resume(waiting.id, sendBack("wrong magnet: Q02, not Q01"), reviewer)
      expect(again.status).toBe("awaiting_approval")
      expect(again.attempts.map((a) => a.code)).toEqual([writeQ01, writeQ02])
      expect(again.attempts[0]).toMatchObject({
        approval: { verdict: "rejected", decidedBy: "bob", comment: "wrong magnet: Q02, not Q01", revise: true },
        error: { kind: "review", message: "sent back by bob: wrong magnet: Q02, not Q01" }
      })
      const [, second] = (yield* FakeGenerator.FakeGenerator).inputs()
      expect(second?.feedback).toEqual([{ attempt: 1, kind: "review", message: "sent back by bob: wrong magnet: Q02, not Q01", code: writeQ01 }])
      expect((yield* FakeExecutor.FakeExecutor).jobs().filter((j) => !j.preview)).toEqual([])
      const audit = yield* (yield* RunStore.RunStore).auditLog(waiting.id)
      expect(audit.filter((a) => a.action === "rejected").map((a) => [a.actor, a.message])).toEqual([["bob", "attempt 1: sent back by bob: wrong magnet: Q02, not Q01"]])
    }).pipe(Effect.provide(FakeKernel.layer({ generator: [{ code: writeQ01 }, { code: writeQ02 }], executor: { run: () => FakeExecutor.succeeded({}) } }))))

  it.live("with no attempts left the run ends rejected, saying so", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ query: "set the quadrupole to 12 A", requester: "op", maxAttempts: 1 })
      const ended = yield* pyexec.resume(waiting.id, sendBack("no"), reviewer)
      expect(ended.status).toBe("rejected")
      expect(ended.outcome).toEqual({ reason: "rejected", message: "rejected by bob: no (attempt 1 of 1: no attempts left to send it back)" })
    }).pipe(Effect.provide(FakeKernel.layer({ generator: [{ code: writeQ01 }] }))))

  it.live("code given with the request has no model to go back to: refused, and the run still waits", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeQ01, requester: "op" })
      const refused = yield* Effect.flip(pyexec.decide(waiting.id, sendBack("no"), reviewer))
      expect(refused).toMatchObject({ _tag: "ApprovalRefused", reason: "not-revisable" })
      expect((yield* (yield* RunStore.RunStore).get(waiting.id)).status).toBe("awaiting_approval")
    }).pipe(Effect.provide(FakeKernel.layer())))
})

describe("a model that answers without code", () => {
  it.live("the attempt fails as no-code with what the model said, which goes back to it; the next attempt runs", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const done = yield* pyexec.run({ query: "mean current", requester: "op" })
      expect(done.status).toBe("succeeded")
      expect(done.attempts[0]?.error).toEqual({ kind: "no-code", message: 'the model answered without code: "I cannot help with that."' })
      const [, second] = (yield* FakeGenerator.FakeGenerator).inputs()
      expect(second?.feedback.map((f) => f.kind)).toEqual(["no-code"])
    }).pipe(
      Effect.provide(FakeKernel.layer({ generator: [{ code: "I cannot help with that.", prose: true }, { code: "results = {}\n" }], executor: { run: () => FakeExecutor.succeeded({}) } }))
    ))
})
