import { ApprovalRules, RunStore } from "@pyexec/core"
import { Effect, Exit } from "effect"
import { rejectModal } from "../../blocks/rejectModal.js"
import type { BotContext } from "../../internal/BotContext.js"
import { onClick } from "../../internal/click.js"
import { exitProblem, refusalText } from "../../internal/refusal.js"

/**
 * Reject on a card opens the modal that asks for the reason, for someone who may decide on a run that still
 * waits; anyone else is told why not, only them, and nothing changes. The rejection itself happens when the
 * modal is submitted.
 */
export const rejectAction =
  (bot: BotContext) =>
  onClick(bot, async ({ tell, value, identity }, args) => {
    const checked = await bot.run(
      Effect.gen(function* () {
        const run = yield* (yield* RunStore.RunStore).get(value.runId)
        const rules = yield* ApprovalRules.ApprovalRules
        return run.status === "awaiting_approval" ? rules.refusal(run, identity) : { reason: "not-awaiting" as const, message: `run ${run.id} is ${run.status}: nothing to reject` }
      })
    )
    if (Exit.isFailure(checked)) return tell(exitProblem(checked) ?? "")
    if (checked.value) return tell(refusalText({ _tag: "ApprovalRefused", ...checked.value }))
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: rejectModal(value) })
  })
