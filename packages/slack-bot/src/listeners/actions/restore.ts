import { Restore, RunStore } from "@pyexec/core"
import { Effect, Either, Exit } from "effect"
import type { BotContext } from "../../internal/BotContext.js"
import { onClick } from "../../internal/click.js"
import { exitProblem } from "../../internal/refusal.js"
import { startRun } from "../../internal/startRun.js"

/**
 * Restore… on the card of a write run that ended: a new run, asked for by the one who clicked, that puts every
 * channel the run wrote back to the value read before; it gets its own card, preview and approval.
 */
export const restoreAction =
  (bot: BotContext) =>
  onClick(bot, async ({ user, tell, value }, args) => {
    const found = await bot.run(Effect.flatMap(RunStore.RunStore, (store) => store.get(value.runId)))
    if (Exit.isFailure(found)) return void (await tell(exitProblem(found) ?? ""))
    const request = Restore.requestFor(found.value, `slack:${user}`)
    if (Either.isLeft(request)) return void (await tell(`:information_source: ${request.left.message}. Nothing was started.`))
    const channel = args.body.channel?.id ?? args.body.container?.channel_id ?? ""
    await startRun(bot, request.right, { client: args.client, channel, user, team: args.body.team?.id, tell })
  })
