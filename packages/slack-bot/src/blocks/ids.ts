import { Ids } from "@pyexec/core"
import { Schema } from "effect"

/** The IDs Slack sends back when someone clicks a button or submits the modal. */
export const ids = {
  approve: "pyexec_approve",
  reject: "pyexec_reject",
  review: "pyexec_review",
  restore: "pyexec_restore",
  cancel: "pyexec_cancel",
  decisionBlock: "pyexec_decision",
  restoreBlock: "pyexec_restore_block",
  cancelBlock: "pyexec_cancel_block",
  rejectModal: "pyexec_reject_reason",
  reasonBlock: "reason",
  reasonInput: "reason",
  reviseBlock: "revise",
  reviseInput: "revise"
} as const

/** What a decision button carries: the run and the exact code the card shows. */
export interface DecisionValue {
  readonly runId: Ids.RunId
  readonly codeSha256: Ids.CodeSha256
}

const isRunId = Schema.is(Ids.RunId)
const isCodeSha256 = Schema.is(Ids.CodeSha256)

export const encodeDecision = (value: DecisionValue): string => JSON.stringify({ runId: value.runId, codeSha256: value.codeSha256 })

/** The button's or modal's value, or undefined when it is not one this app wrote. */
export const decodeDecision = (text: string | undefined): DecisionValue | undefined => {
  try {
    const value = JSON.parse(text ?? "") as { runId?: unknown; codeSha256?: unknown }
    return isRunId(value.runId) && isCodeSha256(value.codeSha256) ? { runId: value.runId, codeSha256: value.codeSha256 } : undefined
  } catch {
    return undefined
  }
}
