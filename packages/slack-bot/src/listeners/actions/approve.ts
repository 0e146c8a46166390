import { Pipeline } from "@pyexec/core"
import { Effect, Exit } from "effect"
import type { BotContext } from "../../internal/BotContext.js"
import { type ButtonArgs, readClick } from "../../internal/click.js"
import { exitProblem } from "../../internal/refusal.js"

/**
 * Approve on a card: the decision names the code's SHA-256 the card showed and is applied by the pipeline with
 * every rule (approvers, four-eyes, expiry, stale code, already decided). The card is rewritten by the run's
 * observer; a refusal is told to the one who clicked only, and changes nothing.
 */
export const approveAction =
  (bot: BotContext) =>
  async (args: ButtonArgs): Promise<void> => {
    await args.ack()
    const click = await readClick(bot, args)
    if (!click) return
    const { tell, value, identity } = click
    const decided = await bot.run(
      Effect.flatMap(Pipeline.Pipeline, (pipeline) =>
        pipeline.decide(
          value.runId,
          { codeSha256: value.codeSha256, verdict: "approved" },
          identity
        )
      )
    )
    if (Exit.isFailure(decided)) await tell(exitProblem(decided) ?? "")
  }
