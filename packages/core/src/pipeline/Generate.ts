import { Duration, Effect, Metric, Option, Runtime } from "effect"
import type { Attempt } from "../Attempt.js"
import { sha256 } from "../internal/sha256.js"
import { withParameters } from "../Parameters.js"
import * as Metrics from "../Metrics.js"
import type { Run } from "../Run.js"
import { type AfterCodeError, feedbackOf } from "./Attempts.js"
import { type Kernel, now } from "./Kernel.js"
import { generationFailed } from "./Outcomes.js"
import type { Transitions } from "./Transitions.js"

/** A model's answer without code, as the attempt's error: cut, so a long answer does not fill the prompt. */
const noCode = (reply: string) => `the model answered without code: "${reply.length > 300 ? `${reply.slice(0, 300)}…` : reply}"`

/** The generator's `onToken`, when the observer wants the reply as it comes. */
const tokensTo = (observer: Kernel["observer"], run: Run, attempt: number) =>
  Effect.map(Effect.runtime<never>(), (runtime) =>
    Option.match(Option.flatMapNullable(observer, (o) => o.onTokens), {
      onNone: () => ({}),
      onSome: (tell) => ({ onToken: (text: string) => void Runtime.runFork(runtime)(Effect.catchAllCause(tell(run, attempt, text), () => Effect.void)) })
    })
  )

/**
 * The code of the next attempt: the request's own, or the generator's; a run whose generator fails ends failed. A
 * reply without code becomes an attempt that failed so, which goes back to the generator like a code error.
 */
export const make =
  ({ generator, executor, observer, config }: Kernel, { commit, finish }: Transitions, afterCodeError: AfterCodeError) =>
  (run: Run) =>
    Effect.gen(function* () {
      const number = run.attempts.length + 1
      const given = run.request.code
      let current = run
      let generated: { readonly code: string; readonly model?: string; readonly prose?: boolean } | undefined
      if (given === undefined) {
        if (run.status !== "generating") current = yield* commit(run, { status: "generating" }, `generating attempt ${number}`)
        // the prompt's style and what the run's Python has (the executor asks it once)
        const environment = yield* executor.environment ?? Effect.succeed(undefined)
        const prompting = { prompt: config.prompt, ...(environment ? { environment } : {}) }
        const input = { request: run.request, attempt: number, feedback: feedbackOf(run), ...prompting, ...(yield* tokensTo(observer, current, number)) }
        const [took, reply] = yield* Effect.timed(Effect.either(generator.generate(input)))
        yield* Metric.update(Metric.tagged(Metrics.generationDuration, "outcome", reply._tag === "Left" ? "failed" : "answered"), Duration.toSeconds(took))
        if (reply._tag === "Left") yield* Metric.increment(Metrics.generationFailures)
        if (reply._tag === "Left") return yield* finish(current, "failed", { outcome: generationFailed(reply.left) }, "generation failed")
        generated = reply.right
      }
      const code = withParameters(run.request.parameters, given ?? generated!.code)
      const attempt: Attempt = {
        number,
        source: given !== undefined ? "request" : "generated",
        code,
        codeSha256: sha256(code),
        createdAt: now(),
        // where it will run: what the reviewer is shown, and what Execute holds the run to
        executor: executor.kind,
        ...(generated?.model !== undefined ? { model: generated.model } : {})
      }
      if (generated?.prose) {
        const made = yield* commit(current, { status: "analyzing", attempts: [...current.attempts, attempt] }, `attempt ${number}: the model answered without code`)
        return yield* afterCodeError(made, attempt, { kind: "no-code", message: noCode(code) })
      }
      return yield* commit(current, { status: "analyzing", attempts: [...current.attempts, attempt] }, `attempt ${number}: code ready`)
    })
