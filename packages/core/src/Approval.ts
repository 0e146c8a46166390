import { Schema } from "effect"
import { Finding } from "./Finding.js"
import { CodeSha256, RunId } from "./Ids.js"

/** read-only code may read the machine; write code was approved to change it. */
export const ExecutionProfile = Schema.Literal("read-only", "write")
export type ExecutionProfile = typeof ExecutionProfile.Type

export const ApprovalVerdict = Schema.Literal("approved", "rejected")
export type ApprovalVerdict = typeof ApprovalVerdict.Type

/**
 * What a person decides on a run that waits, from any front end; the pipeline adds who and when. An approval names
 * the code it approves; a rejection may (then it applies only to that code) or not (whatever waits: nothing runs).
 */
export type Decision =
  | { readonly verdict: "approved"; readonly codeSha256: CodeSha256; readonly comment?: string }
  | {
      readonly verdict: "rejected"
      readonly codeSha256?: CodeSha256
      readonly comment?: string
      /** Send the run back to the generator with the comment, for a new attempt, instead of ending it. */
      readonly revise?: boolean
    }

/** A person's decision as stored. It binds to the exact code by its SHA-256. */
export const ApprovalDecision = Schema.Struct({
  runId: RunId,
  codeSha256: CodeSha256,
  verdict: ApprovalVerdict,
  decidedBy: Schema.String.pipe(Schema.minLength(1)),
  decidedAt: Schema.String,
  comment: Schema.optional(Schema.String),
  /** A rejection that sent the run back to the generator with the comment, for a new attempt. */
  revise: Schema.optional(Schema.Boolean),
  /** The approval groups the decider belonged to when deciding (see ApprovalRoutes). */
  groups: Schema.optional(Schema.Array(Schema.String))
})
export type ApprovalDecision = typeof ApprovalDecision.Type

/** Everything a reviewer needs to decide on a run that waits. */
export const ApprovalRequest = Schema.Struct({
  runId: RunId,
  attempt: Schema.Int,
  requester: Schema.String,
  code: Schema.String,
  codeSha256: CodeSha256,
  findings: Schema.Array(Finding),
  reasons: Schema.Array(Schema.String),
  profile: ExecutionProfile,
  /** Where the code will run (`unrecorded` for runs stored before attempts recorded it). */
  executor: Schema.String,
  notebookPath: Schema.NullOr(Schema.String),
  requestedAt: Schema.String
})
export type ApprovalRequest = typeof ApprovalRequest.Type
