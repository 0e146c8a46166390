import { ApprovalRules, type Executor, Run } from "@pyexec/core"
import { Effect, Option } from "effect"
import { JupyterLab, LinkSigner, type RunLinks, runLinks } from "../blocks/links.js"
import { type LiveOutput, type MessageContent, runMessage } from "../blocks/runMessage.js"

/**
 * The run's message as it should read now, with what the server knows: its executor, the expiry, the links (signed,
 * when the server signs them; JupyterLab's too, when the server has one).
 */
export const cardOf = (
  run: Run.Run,
  { publicUrl, executor }: { readonly publicUrl: Effect.Effect<string>; readonly executor: Executor.ExecutorKind },
  buttons: boolean,
  /** What the code (or its preview) wrote so far, while it runs (the card shows its end). */
  liveOutput?: LiveOutput
): Effect.Effect<{ readonly links: RunLinks; readonly message: MessageContent }> =>
  Effect.gen(function* () {
    const rules = yield* Effect.serviceOption(ApprovalRules.ApprovalRules)
    const expiresAt = run.status === "awaiting_approval" ? Option.getOrUndefined(rules)?.expiresAt(run.updatedAt) : undefined
    const sign = yield* Effect.serviceOption(LinkSigner)
    const jupyterLab = Option.getOrElse(yield* Effect.serviceOption(JupyterLab), () => false)
    const links = runLinks(yield* publicUrl, run.id, Option.getOrUndefined(sign), jupyterLab)
    return { links, message: runMessage(run, { executor: Run.currentAttempt(run)?.executor ?? executor, links, expiresAt, buttons, liveOutput }) }
  })
