import { Schema } from "effect"
import { Finding } from "./Finding.js"

/** read-only code may read the machine; write code was approved to change it. */
export const ExecutionProfile = Schema.Literal("read-only", "write")
export type ExecutionProfile = typeof ExecutionProfile.Type

export const ApprovalVerdict = Schema.Literal("approved", "rejected")
export type ApprovalVerdict = typeof ApprovalVerdict.Type

/** A person's decision. It binds to the exact code by its SHA-256. */
export const ApprovalDecision = Schema.Struct({
  runId: Schema.String,
  codeSha256: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/)),
  verdict: ApprovalVerdict,
  decidedBy: Schema.String.pipe(Schema.minLength(1)),
  decidedAt: Schema.String,
  comment: Schema.optional(Schema.String)
})
export type ApprovalDecision = typeof ApprovalDecision.Type

/** Everything a reviewer needs to decide on a run that waits. */
export const ApprovalRequest = Schema.Struct({
  runId: Schema.String,
  attempt: Schema.Int,
  requester: Schema.String,
  code: Schema.String,
  codeSha256: Schema.String,
  findings: Schema.Array(Finding),
  reasons: Schema.Array(Schema.String),
  profile: ExecutionProfile,
  executor: Schema.String,
  notebookPath: Schema.NullOr(Schema.String),
  requestedAt: Schema.String
})
export type ApprovalRequest = typeof ApprovalRequest.Type
