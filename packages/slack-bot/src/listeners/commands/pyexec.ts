import { type ExecutionRequest, Ids, RunStore } from "@pyexec/core"
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt"
import { Effect, Exit } from "effect"
import { helpMessage } from "../../blocks/help.js"
import { cardOf } from "../../internal/card.js"
import type { BotContext } from "../../internal/BotContext.js"
import { parse } from "../../internal/command.js"
import { exitProblem } from "../../internal/refusal.js"
import { startRun } from "../../internal/startRun.js"

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs

/**
 * `/pyexec`: help and status are answered in the acknowledgement, only to the one who asked. A request (or
 * `exec` with code) is acknowledged at once; then the run is started from a message in the channel (startRun).
 */
export const pyexecCommand =
  (bot: BotContext) =>
  async ({ command, ack, client, respond }: Args): Promise<void> => {
    const parsed = parse(command.text)
    if (parsed.kind === "help") {
      const help = helpMessage(parsed.problem)
      await ack({ response_type: "ephemeral", text: help.text, blocks: [...help.blocks] })
      return
    }
    if (parsed.kind === "status") {
      const exit = await bot.run(
        Effect.flatMap(Effect.flatMap(RunStore.RunStore, (store) => store.get(Ids.RunId.make(parsed.runId))), (run) => cardOf(run, bot, false))
      )
      if (Exit.isSuccess(exit)) {
        const { message } = exit.value
        await ack({ response_type: "ephemeral", text: message.text, blocks: [...message.blocks] })
      } else {
        await ack({ response_type: "ephemeral", text: exitProblem(exit) ?? "" })
      }
      return
    }
    await ack()
    const request: ExecutionRequest.ExecutionRequest = {
      ...(parsed.kind === "ask" ? { query: parsed.query } : { code: parsed.code }),
      requester: `slack:${command.user_id}`
    }
    await startRun(bot, request, {
      client,
      channel: command.channel_id,
      user: command.user_id,
      team: command.team_id,
      tell: (text) => respond({ response_type: "ephemeral", text })
    })
  }
