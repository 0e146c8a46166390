import { type ExecutionRequest, Pipeline } from "@pyexec/core"
import type { webApi } from "@slack/bolt"
import { Effect, Exit } from "effect"
import { pendingMessage } from "../blocks/runMessage.js"
import type { BotContext } from "./BotContext.js"

/** Where the run is asked for, and how to tell the one who asked when it cannot be started. */
export interface Asked {
  readonly client: webApi.WebClient
  readonly channel: string
  readonly user: string
  readonly team: string | undefined
  readonly tell: (text: string) => Promise<unknown>
}

/**
 * Posts the run's message in the channel, then submits the run with that message as its origin, so whichever
 * server process drives it updates the message. Nothing is started when the message cannot be posted.
 */
export const startRun = async (bot: BotContext, request: ExecutionRequest.ExecutionRequest, { client, channel, user, team, tell }: Asked): Promise<void> => {
  const pending = pendingMessage(request)
  let posted: { channel?: string | undefined; ts?: string | undefined }
  try {
    posted = await client.chat.postMessage({ channel, text: pending.text, blocks: [...pending.blocks] })
  } catch (error) {
    bot.warn(`posting the run's message in ${channel} failed`, error)
    await tell(":warning: pyexec cannot post in this channel: invite the app to it (`/invite @pyexec`) and ask again. Nothing was started.")
    return
  }
  const origin = { kind: "slack" as const, channel: posted.channel ?? channel, ts: posted.ts ?? "", user, team: team ?? "" }
  const submitted = await bot.run(Effect.flatMap(Pipeline.Pipeline, (pipeline) => pipeline.submit({ ...request, origin })))
  if (Exit.isFailure(submitted)) {
    bot.warn("submitting a run from Slack failed", submitted.cause)
    await client.chat.update({ channel: origin.channel, ts: origin.ts, text: ":x: pyexec could not store the request; nothing was started. Try again in a moment." })
  }
}
