import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt"
import { type DecisionValue, decodeDecision } from "../blocks/ids.js"
import { isApprover } from "./approvers.js"
import type { BotContext } from "./BotContext.js"
import { slackIdentity } from "./identity.js"

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs

/**
 * What a click on a card's button needs: who clicked (as an identity with their roles), the run and code the
 * button names, and a way to answer only them. Undefined when the button names no run (the clicker is told so).
 */
const readClick = async (bot: BotContext, { body, action, client }: ButtonArgs) => {
  const user = body.user.id
  const channel = body.channel?.id ?? body.container?.channel_id
  const tell = (text: string) => (channel ? client.chat.postEphemeral({ channel, user, text }).then(() => undefined) : Promise.resolve())
  const value: DecisionValue | undefined = decodeDecision(action.value)
  if (!value) {
    await tell(":warning: This button does not name a run. Nothing was changed.")
    return undefined
  }
  const identity = slackIdentity(user, await isApprover(client, bot.settings.approvers, user, bot.warn))
  return { user, tell, value, identity }
}

export type Click = NonNullable<Awaited<ReturnType<typeof readClick>>>

/** A button's listener: acknowledges the click at once, then acts on it when the button names a run. */
export const onClick =
  (bot: BotContext, act: (click: Click, args: ButtonArgs) => Promise<unknown>) =>
  async (args: ButtonArgs): Promise<void> => {
    await args.ack()
    const click = await readClick(bot, args)
    if (click) await act(click, args)
  }
