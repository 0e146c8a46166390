import { Effect } from "effect"
import type { Attempt } from "../Attempt.js"
import { effectiveMode } from "../Policy.js"
import type { PolicyVerdict } from "../PolicyVerdict.js"
import { currentAttempt, type Run } from "../Run.js"
import type { AfterCodeError } from "./Attempts.js"
import * as Preview from "./Preview.js"
import type { Kernel } from "./Kernel.js"
import type { Transitions } from "./Transitions.js"

/** The analysis and the policy's verdict on the current attempt: on to execution, to a person, back, or blocked. */
export const make = (kernel: Kernel, { commit, finish, noteAttempt, withAttempt }: Transitions, afterCodeError: AfterCodeError) => {
  const { analyzer, policy, executor, config, rules } = kernel
  const preview = Preview.make(kernel)
  /** Where the executor cannot hold a run to reading, what would run unapproved waits for a person instead. */
  const withoutBoundary = (verdict: PolicyVerdict): PolicyVerdict =>
    verdict.decision === "execute" && executor.readOnlyBoundary._tag === "missing"
      ? {
          ...verdict,
          decision: "needs-approval",
          reasons: [`the ${executor.kind} executor has no read-only boundary here (${executor.readOnlyBoundary.reason}): every run needs approval`, ...verdict.reasons]
        }
      : verdict

  return (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)!
      const report = yield* analyzer.analyze(attempt.code)
      const verdict = withoutBoundary(policy.decide(report, effectiveMode(config.policyMode, run.request.policyMode)))
      const analyzed: Attempt = { ...attempt, analysis: report, verdict }
      switch (verdict.decision) {
        case "retry": {
          const kind = report.parsed && !report.findings.some((f) => f.category === "syntax") ? "policy" : "syntax"
          return yield* afterCodeError(run, analyzed, { kind, message: verdict.reasons.join("; ") })
        }
        case "block": {
          const noted = yield* noteAttempt(run, analyzed)
          const message = `blocked by policy: ${verdict.reasons.join("; ")}`
          return yield* finish(run, "blocked", { attempts: withAttempt(run, noted), outcome: { reason: "blocked", message } }, "blocked by policy")
        }
        case "needs-approval": {
          const previewed = yield* preview(run, analyzed)
          const routing = rules.requirementsFor(previewed)
          const noted = yield* noteAttempt(run, routing.length > 0 ? { ...previewed, routing } : previewed)
          return yield* commit(run, { status: "awaiting_approval", attempts: withAttempt(run, noted) }, `attempt ${attempt.number}: awaiting approval`)
        }
        case "execute":
          return yield* commit(run, { status: "executing", attempts: withAttempt(run, analyzed) }, `attempt ${attempt.number}: executing`)
      }
    })
}
