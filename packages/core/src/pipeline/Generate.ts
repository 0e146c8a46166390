import { Duration, Effect, Metric } from "effect"
import type { Attempt } from "../Attempt.js"
import { sha256 } from "../internal/sha256.js"
import { withParameters } from "../Parameters.js"
import * as Metrics from "../Metrics.js"
import type { Run } from "../Run.js"
import { type AfterCodeError, feedbackOf } from "./Attempts.js"
import { type Kernel, now } from "./Kernel.js"
import * as LiveOutput from "./LiveOutput.js"
import { generationFailed } from "./Outcomes.js"
import type { Transitions } from "./Transitions.js"

/** A model's answer without code, as the attempt's error: cut, so a long answer does not fill the prompt. */
const noCode = (reply: string) => `the model answered without code: "${reply.length > 300 ? `${reply.slice(0, 300)}…` : reply}"`

/**
 * The code of the next attempt: the request's own, or the generator's; a run whose generator fails ends failed. A
 * reply without code becomes an attempt that failed so, which goes back to the generator like a code error.
 */
export const make =
  (kernel: Kernel, { commit, finish }: Transitions, afterCodeError: AfterCodeError) =>
  (run: Run) =>
    Effect.gen(function* () {
      const number = run.attempts.length + 1
      const given = run.request.code
      let current = run
      let generated: { readonly code: string; readonly model?: string; readonly prose?: boolean } | undefined
      const { generator, executor, config } = kernel
      if (given === undefined) {
        if (run.status !== "generating") current = yield* commit(run, { status: "generating" }, `generating attempt ${number}`)
        // the prompt's style and what the run's Python has (the executor asks it once)
        const environment = yield* executor.environment ?? Effect.succeed(undefined)
        const prompting = { prompt: config.prompt, ...(config.siteNotes ? { siteNotes: config.siteNotes } : {}), ...(environment ? { environment } : {}) }
        // the reply as the model writes it: stored for the event stream of any process and told to the observer, as
        // the code's output is (phase `generation`); its last batch is stored before the attempt (or the failure) is
        const live = yield* LiveOutput.start(kernel, current, number, "generation")
        const input = { request: run.request, attempt: number, feedback: feedbackOf(run), ...prompting, onToken: (text: string) => live.offer({ stream: "stdout", text }) }
        const [took, reply] = yield* Effect.timed(Effect.either(generator.generate(input))).pipe(Effect.ensuring(live.close))
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
