import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { type Approval, type Identity, Pipeline, type Run, RunStore } from "../../src/index.js"
import { FakeExecutor, FakeKernel } from "../../src/testing/index.js"

const person = (name: string, ...roles: Array<Identity.Role>): Identity.Identity => ({ name, roles })
const writeScript = `import epics\nepics.caput("X", 1)\nresults = {}\n`
const approve = (run: Run.Run): Approval.Decision => ({ codeSha256: run.attempts.at(-1)!.codeSha256, verdict: "approved" })

/** Reads the run until it passes the test. */
const until = (run: Run.Run, done: (run: Run.Run) => boolean) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    for (;;) {
      const latest = yield* store.get(run.id)
      if (done(latest)) return latest
      yield* Effect.sleep("20 millis")
    }
  }).pipe(Effect.timeout("10 seconds"))

describe("cancelling a run", () => {
  it.live("a run waiting for approval, by its requester: it ends cancelled, the audit log names who, its code never runs", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeScript, requester: "op" })
      const cancelled = yield* pyexec.cancel(waiting.id, person("op", "requester"))
      expect(cancelled.status).toBe("cancelled")
      expect(cancelled.outcome).toEqual({ reason: "cancelled", message: "cancelled by op" })
      const audit = yield* (yield* RunStore.RunStore).auditLog(waiting.id)
      expect(audit.at(-1)).toMatchObject({ actor: "op", action: "cancelled" })
      const late = yield* Effect.flip(pyexec.decide(waiting.id, approve(waiting), person("bob", "approver")))
      expect(late).toMatchObject({ _tag: "ApprovalRefused", reason: "not-awaiting" })
      expect((yield* FakeExecutor.FakeExecutor).jobs().filter((j) => !j.preview)).toEqual([])
    }).pipe(Effect.provide(FakeKernel.layer())))

  it.live("only its requester or an approver may; an ended run has nothing to cancel", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const waiting = yield* pyexec.run({ code: writeScript, requester: "op" })
      expect(yield* Effect.flip(pyexec.cancel(waiting.id, person("eve", "requester")))).toMatchObject({ _tag: "CancelRefused", reason: "not-allowed" })
      expect((yield* (yield* RunStore.RunStore).get(waiting.id)).status).toBe("awaiting_approval")
      expect((yield* pyexec.cancel(waiting.id, person("bob", "approver"))).status).toBe("cancelled")
      expect(yield* Effect.flip(pyexec.cancel(waiting.id, person("op", "requester")))).toMatchObject({ _tag: "CancelRefused", reason: "ended" })
    }).pipe(Effect.provide(FakeKernel.layer())))

  let stopped = false
  it.live("a run whose code is running: the process that drives it stops the code and ends it cancelled", () =>
    Effect.gen(function* () {
      const pyexec = yield* Pipeline.Pipeline
      const running = yield* Effect.fork(pyexec.run({ code: "results = {}\n", requester: "op" }))
      const store = yield* RunStore.RunStore
      const [summary] = yield* Effect.repeat(store.list(), { until: (runs) => runs.length > 0 })
      const executing = yield* until({ id: summary!.id } as Run.Run, (r) => r.status === "executing")
      const cancelled = yield* pyexec.cancel(executing.id, person("op", "requester"))
      expect(cancelled.status).toBe("cancelled")
      expect(cancelled.outcome?.message).toBe("cancelled by op: its code was stopped")
      expect((yield* Fiber.join(running)).status).toBe("cancelled")
      expect(stopped).toBe(true)
    }).pipe(
      Effect.provide(
        FakeKernel.layer({
          executor: { run: () => Effect.never.pipe(Effect.onInterrupt(() => Effect.sync(() => (stopped = true)))) }
        })
      )
    ))
})
