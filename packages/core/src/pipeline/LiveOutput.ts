import { Effect, Fiber, Option, Queue } from "effect"
import type { Run } from "../Run.js"
import type { RunObserver } from "../RunObserver.js"
import * as RunOutput from "../RunOutput.js"
import type { RunStore } from "../RunStore.js"

/**
 * Takes chunks from a plain callback (the executor's hook) and hands them on in batches, from a fiber of its own:
 * the first chunk after a quiet spell at once, then at most one batch per `flushMillis`. What waits is merged and
 * bounded (RunOutput.coalesce), so a flood of output costs memory of a few batches, not of the flood.
 */
const batcher = (consume: (batch: ReadonlyArray<RunOutput.Chunk>) => Effect.Effect<void>, flushMillis: number) =>
  Effect.gen(function* () {
    let pending: Array<RunOutput.Chunk> = []
    let pendingBytes = 0
    let closing = false
    const wake = yield* Queue.sliding<void>(1)
    const loop = Effect.gen(function* () {
      for (;;) {
        if (pending.length === 0) {
          if (closing) return
          yield* Queue.take(wake)
          continue
        }
        const batch = RunOutput.coalesce(pending)
        pending = []
        pendingBytes = 0
        yield* consume(batch)
        if (!closing) yield* Effect.sleep(flushMillis)
      }
    })
    const fiber = yield* Effect.fork(loop)
    return {
      offer: (chunk: RunOutput.Chunk) => {
        if (closing) return
        pending.push(chunk)
        pendingBytes += chunk.text.length
        if (pendingBytes > 4 * RunOutput.defaults.batchBytes) {
          pending = RunOutput.coalesce(pending)
          pendingBytes = pending.reduce((n, c) => n + c.text.length, 0)
        }
        wake.unsafeOffer(undefined)
      },
      /** No more chunks: what waits is handed on, for at most `waitMillis`; then the fiber is stopped. */
      close: (waitMillis: number) =>
        Effect.gen(function* () {
          closing = true
          wake.unsafeOffer(undefined)
          // await, not join: a batcher already stopped (its parent interrupted) must not stop the caller too
          const done = yield* Fiber.await(fiber).pipe(Effect.timeout(waitMillis), Effect.option)
          if (Option.isNone(done)) yield* Fiber.interrupt(fiber)
        })
    }
  })

/**
 * The live output of one phase of an attempt (the model's reply while it is generated, the run of its code or its
 * preview): stored in batches (RunStore.appendOutput, read by the event stream in any process) and told to the
 * observer (the CLI's lines, the Slack card), each from a fiber of its own, so neither a slow store nor a slow
 * observer holds the other back, nor the model or the code. A batch the store refuses is dropped (the attempt keeps
 * its own code and output). `close` before the phase's end is stored: after it nothing is written.
 */
export const start = (
  records: { readonly store: RunStore["Type"]; readonly observer: Option.Option<RunObserver["Type"]> },
  run: Run,
  attempt: number,
  phase: RunOutput.Phase,
  settings: { readonly flushMillis: number; readonly finalFlushMillis: number } = RunOutput.defaults
) =>
  Effect.gen(function* () {
    const stored = yield* batcher(
      (batch) => records.store.appendOutput(run.id, attempt, phase, batch).pipe(Effect.catchAllCause((cause) => Effect.logDebug(`live output of run ${run.id} not stored`, cause))),
      settings.flushMillis
    )
    const onOutput = Option.flatMapNullable(records.observer, (o) => o.onOutput)
    const told = Option.isSome(onOutput)
      ? yield* batcher((batch) => Effect.forEach(batch, (chunk) => onOutput.value(run, attempt, chunk, phase), { discard: true }).pipe(Effect.catchAllCause(() => Effect.void)), settings.flushMillis)
      : undefined
    return {
      /** The executor's hook (ExecutionJob.onOutput), or the generator's (GenerationInput.onToken). */
      offer: (chunk: RunOutput.Chunk) => {
        stored.offer(chunk)
        told?.offer(chunk)
      },
      close: Effect.all([stored.close(settings.finalFlushMillis), told ? told.close(settings.finalFlushMillis) : Effect.void], { concurrency: "unbounded", discard: true })
    }
  })
