import { PyExec } from "@pyexec/core"
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt"
import { Effect, Exit } from "effect"
import { decodeDecision } from "../../blocks/ids.js"
import { isApprover } from "../../internal/approvers.js"
import type { BotContext } from "../../internal/BotContext.js"
import { slackIdentity } from "../../internal/identity.js"
import { exitProblem } from "../../internal/refusal.js"

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs

/**
 * Approve on a card: the decision names the code's SHA-256 the card showed and is applied by the pipeline with
 * every rule (approvers, four-eyes, expiry, stale code, already decided). The card is rewritten by the run's
 * observer; a refusal is told to the one who clicked only, and changes nothing.
 */
export const approveAction =
  (bot: BotContext) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack()
    const user = body.user.id
    const channel = body.channel?.id ?? body.container?.channel_id
    const tell = (text: string) => (channel ? client.chat.postEphemeral({ channel, user, text }).then(() => undefined) : Promise.resolve())
    const value = decodeDecision(action.value)
    if (!value) return tell(":warning: This button does not name a run. Nothing was changed.")
    const approver = await isApprover(client, bot.settings.approvers, user, bot.warn)
    const decided = await bot.run(
      Effect.flatMap(PyExec.PyExec, (pyexec) =>
        pyexec.decide(
          value.runId,
          { runId: value.runId, codeSha256: value.codeSha256, verdict: "approved", decidedBy: `slack:${user}`, decidedAt: new Date().toISOString() },
          slackIdentity(user, approver)
        )
      )
    )
    if (Exit.isFailure(decided)) await tell(exitProblem(decided) ?? "")
  }
