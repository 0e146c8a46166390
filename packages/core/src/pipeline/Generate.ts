import { Effect } from "effect"
import type { Attempt } from "../Attempt.js"
import { sha256 } from "../internal/sha256.js"
import type { Run } from "../Run.js"
import { feedbackOf } from "./Attempts.js"
import { type Kernel, now } from "./Kernel.js"
import { generationFailed } from "./Outcomes.js"
import type { Transitions } from "./Transitions.js"

/** The code of the next attempt: the request's own, or the generator's; a run whose generator fails ends failed. */
export const make =
  ({ generator, executor }: Kernel, { commit, finish }: Transitions) =>
  (run: Run) =>
    Effect.gen(function* () {
      const number = run.attempts.length + 1
      const given = run.request.code
      let current = run
      let generated: { readonly code: string; readonly model?: string } | undefined
      if (given === undefined) {
        if (run.status !== "generating") current = yield* commit(run, { status: "generating" }, `generating attempt ${number}`)
        const reply = yield* Effect.either(generator.generate({ request: run.request, attempt: number, feedback: feedbackOf(run) }))
        if (reply._tag === "Left") return yield* finish(current, "failed", { outcome: generationFailed(reply.left) }, "generation failed")
        generated = reply.right
      }
      const code = given ?? generated!.code
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
      return yield* commit(current, { status: "analyzing", attempts: [...current.attempts, attempt] }, `attempt ${number}: code ready`)
    })
