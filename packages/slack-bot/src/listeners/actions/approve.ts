import { ApprovalRoutes, Pipeline, Run } from "@pyexec/core"
import { Effect, Exit } from "effect"
import type { BotContext } from "../../internal/BotContext.js"
import { onClick } from "../../internal/click.js"
import { exitProblem } from "../../internal/refusal.js"

/**
 * Approve on a card: the decision names the code's SHA-256 the card showed and is applied by the pipeline with
 * every rule (approvers, four-eyes, expiry, stale code, already decided). The card is rewritten by the run's
 * observer; a refusal is told to the one who clicked only, and changes nothing, as is an approval counted while the
 * run still needs others (approval routes).
 */
export const approveAction =
  (bot: BotContext) =>
  onClick(bot, async ({ tell, value, identity }) => {
    const decided = await bot.run(
      Effect.flatMap(Pipeline.Pipeline, (pipeline) =>
        pipeline.decide(
          value.runId,
          { codeSha256: value.codeSha256, verdict: "approved" },
          identity
        )
      )
    )
    if (Exit.isFailure(decided)) return await tell(exitProblem(decided) ?? "")
    const attempt = Run.currentAttempt(decided.value)
    if (decided.value.status === "awaiting_approval" && attempt) {
      await tell(`:ballot_box_with_check: Your approval is counted. The run still needs ${ApprovalRoutes.missingText(ApprovalRoutes.standingOf(attempt)).join(", ")}.`)
    }
  })
