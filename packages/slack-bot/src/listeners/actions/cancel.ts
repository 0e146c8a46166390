import { Pipeline } from "@pyexec/core"
import { Effect, Exit } from "effect"
import type { BotContext } from "../../internal/BotContext.js"
import { onClick } from "../../internal/click.js"
import { exitProblem } from "../../internal/refusal.js"

/** Cancel run on a card: its requester or an approver ends it (its code is stopped); the observer rewrites the card. */
export const cancelAction =
  (bot: BotContext) =>
  onClick(bot, async (click) => {
    const cancelled = await bot.run(Effect.flatMap(Pipeline.Pipeline, (pipeline) => pipeline.cancel(click.value.runId, click.identity)))
    if (Exit.isFailure(cancelled)) await click.tell(exitProblem(cancelled) ?? "")
  })
