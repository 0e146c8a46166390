import { Pipeline, RunStore } from "@pyexec/core"
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt"
import { Effect, Exit, Option } from "effect"
import { decodeDecision, ids } from "../../blocks/ids.js"
import { isApprover } from "../../internal/approvers.js"
import type { BotContext } from "../../internal/BotContext.js"
import { slackIdentity } from "../../internal/identity.js"
import { exitProblem } from "../../internal/refusal.js"

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs

/**
 * The reject modal's submission: a blank reason keeps the modal open with an error under the field; else the
 * rejection, with the reason as its comment, goes through the pipeline's rules, and a refusal is told to the
 * approver in the run's channel.
 */
export const rejectReasonView =
  (bot: BotContext) =>
  async ({ ack, body, view, client }: Args): Promise<void> => {
    const reason = view.state.values[ids.reasonBlock]?.[ids.reasonInput]?.value?.trim() ?? ""
    if (reason === "") {
      await ack({ response_action: "errors", errors: { [ids.reasonBlock]: "Say why the code is rejected: the reason goes on the card and in the audit log." } })
      return
    }
    await ack()
    const revise = (view.state.values[ids.reviseBlock]?.[ids.reviseInput]?.selected_options?.length ?? 0) > 0
    const value = decodeDecision(view.private_metadata)
    if (!value) return
    const user = body.user.id
    const identity = slackIdentity(user, await isApprover(client, bot.settings.approvers, user, bot.warn))
    const decided = await bot.run(
      Effect.flatMap(Pipeline.Pipeline, (pipeline) =>
        pipeline.decide(
          value.runId,
          { codeSha256: value.codeSha256, verdict: "rejected", comment: reason, ...(revise ? { revise: true } : {}) },
          identity
        )
      )
    )
    if (Exit.isSuccess(decided)) return
    const origin = await bot.run(Effect.flatMap(RunStore.RunStore, (store) => store.get(value.runId)).pipe(Effect.map((run) => run.request.origin), Effect.option))
    const channel = Exit.isSuccess(origin) ? Option.getOrUndefined(origin.value)?.channel : undefined
    if (channel) await client.chat.postEphemeral({ channel, user, text: exitProblem(decided) ?? "" })
  }
