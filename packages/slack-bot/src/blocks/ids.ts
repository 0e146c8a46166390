/** The IDs Slack sends back when someone clicks a button or submits the modal. */
export const ids = {
  approve: "pyexec_approve",
  reject: "pyexec_reject",
  review: "pyexec_review",
  decisionBlock: "pyexec_decision",
  rejectModal: "pyexec_reject_reason",
  reasonBlock: "reason",
  reasonInput: "reason"
} as const

/** What a decision button carries: the run and the exact code the card shows. */
export interface DecisionValue {
  readonly runId: string
  readonly codeSha256: string
}

export const encodeDecision = (value: DecisionValue): string => JSON.stringify({ runId: value.runId, codeSha256: value.codeSha256 })

/** The button's or modal's value, or undefined when it is not one this app wrote. */
export const decodeDecision = (text: string | undefined): DecisionValue | undefined => {
  try {
    const value = JSON.parse(text ?? "") as Partial<DecisionValue>
    return typeof value.runId === "string" && typeof value.codeSha256 === "string" && /^[0-9a-f]{64}$/.test(value.codeSha256)
      ? { runId: value.runId, codeSha256: value.codeSha256 }
      : undefined
  } catch {
    return undefined
  }
}
