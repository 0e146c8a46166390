import { ApprovalRules, RunStore } from "@pyexec/core"
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt"
import { Effect, Exit } from "effect"
import { decodeDecision } from "../../blocks/ids.js"
import { rejectModal } from "../../blocks/rejectModal.js"
import { isApprover } from "../../internal/approvers.js"
import type { BotContext } from "../../internal/BotContext.js"
import { slackIdentity } from "../../internal/identity.js"
import { exitProblem, refusalText } from "../../internal/refusal.js"

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs

/**
 * Reject on a card opens the modal that asks for the reason, for someone who may decide on a run that still
 * waits; anyone else is told why not, only them, and nothing changes. The rejection itself happens when the
 * modal is submitted.
 */
export const rejectAction =
  (bot: BotContext) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack()
    const user = body.user.id
    const channel = body.channel?.id ?? body.container?.channel_id
    const tell = (text: string) => (channel ? client.chat.postEphemeral({ channel, user, text }).then(() => undefined) : Promise.resolve())
    const value = decodeDecision(action.value)
    if (!value) return tell(":warning: This button does not name a run. Nothing was changed.")
    const identity = slackIdentity(user, await isApprover(client, bot.settings.approvers, user, bot.warn))
    const checked = await bot.run(
      Effect.gen(function* () {
        const run = yield* (yield* RunStore.RunStore).get(value.runId)
        const rules = yield* ApprovalRules.ApprovalRules
        return run.status === "awaiting_approval" ? rules.refusal(run, identity) : { reason: "not-awaiting" as const, message: `run ${run.id} is ${run.status}: nothing to reject` }
      })
    )
    if (Exit.isFailure(checked)) return tell(exitProblem(checked) ?? "")
    if (checked.value) return tell(refusalText({ _tag: "ApprovalRefused", ...checked.value }))
    await client.views.open({ trigger_id: body.trigger_id, view: rejectModal(value) })
  }
