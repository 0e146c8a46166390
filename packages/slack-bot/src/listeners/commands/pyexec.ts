import { type ExecutionRequest, Ids, Pipeline, RunStore } from "@pyexec/core"
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt"
import { Effect, Exit } from "effect"
import { helpMessage } from "../../blocks/help.js"
import { pendingMessage } from "../../blocks/runMessage.js"
import { cardOf } from "../../internal/card.js"
import type { BotContext } from "../../internal/BotContext.js"
import { parse } from "../../internal/command.js"
import { exitProblem } from "../../internal/refusal.js"

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs

/**
 * `/pyexec`: help and status are answered in the acknowledgement, only to the one who asked. A request (or
 * `exec` with code) is acknowledged at once; then the run's message is posted in the channel and the run is
 * submitted with that message as its origin, so whichever server process drives it updates the message.
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
    const pending = pendingMessage(request)
    let posted: { channel?: string | undefined; ts?: string | undefined }
    try {
      posted = await client.chat.postMessage({ channel: command.channel_id, text: pending.text, blocks: [...pending.blocks] })
    } catch (error) {
      bot.warn(`posting the run's message in ${command.channel_id} failed`, error)
      await respond({
        response_type: "ephemeral",
        text: ":warning: pyexec cannot post in this channel: invite the app to it (`/invite @pyexec`) and ask again. Nothing was started."
      })
      return
    }
    const origin = { kind: "slack" as const, channel: posted.channel ?? command.channel_id, ts: posted.ts ?? "", user: command.user_id, team: command.team_id }
    const submitted = await bot.run(Effect.flatMap(Pipeline.Pipeline, (pipeline) => pipeline.submit({ ...request, origin })))
    if (Exit.isFailure(submitted)) {
      bot.warn("submitting a run from Slack failed", submitted.cause)
      await client.chat.update({
        channel: origin.channel,
        ts: origin.ts,
        text: ":x: pyexec could not store the request; nothing was started. Try again in a moment."
      })
    }
  }
