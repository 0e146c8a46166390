import { Schema } from "effect"
import { ApprovalDecision, type ExecutionProfile } from "./Approval.js"
import { Requirement } from "./ApprovalRoutes.js"
import { ExecutionResult } from "./ExecutionResult.js"
import { AnalysisReport } from "./Finding.js"
import { ExecutorKind } from "./Executor.js"
import { CodeSha256 } from "./Ids.js"
import { Preview } from "./WriteLedger.js"
import { PolicyVerdict } from "./PolicyVerdict.js"

/**
 * Why an attempt did not succeed. `syntax`, `policy` (the analysis sent the code back),
 * `runtime`, `missing-results` and `timeout` are the code's fault and go back to the generator;
 * `limit` (an approved write broke the channel limits) is final; `infrastructure` is the executor's, and so is
 * `integrity` (the code file was not the approved code, so the runner ran nothing), which is final too, as is
 * `write` (writes the code made did not all hold: the machine may be half-changed, a person looks first).
 * `review`: a reviewer sent the code back with a reason, which goes to the generator like a code error;
 * `no-code`: the model answered without code (a refusal, a question), which goes back to it as such.
 */
export const AttemptErrorKind = Schema.Literal("syntax", "policy", "runtime", "missing-results", "timeout", "limit", "infrastructure", "integrity", "write", "review", "no-code")
export type AttemptErrorKind = typeof AttemptErrorKind.Type

export const AttemptError = Schema.Struct({
  kind: AttemptErrorKind,
  message: Schema.String,
  traceback: Schema.optional(Schema.String)
})
export type AttemptError = typeof AttemptError.Type

export const Attempt = Schema.Struct({
  number: Schema.Int,
  source: Schema.Literal("generated", "request"),
  code: Schema.String,
  codeSha256: CodeSha256,
  model: Schema.optional(Schema.String),
  createdAt: Schema.String,
  analysis: Schema.optional(AnalysisReport),
  verdict: Schema.optional(PolicyVerdict),
  /** What the approval routes asked of this attempt when it waited (beyond one approval). */
  routing: Schema.optional(Schema.Array(Requirement)),
  /** Approvals given while it waited that did not yet settle it. */
  approvals: Schema.optional(Schema.Array(ApprovalDecision)),
  /** The decision that settled it: the approval that completed its requirements, or a rejection. */
  approval: Schema.optional(ApprovalDecision),
  result: Schema.optional(ExecutionResult),
  /** A write run's preview, made before it waited for approval. */
  preview: Schema.optional(Preview),
  /** Where the code ran (set when it is handed to an executor). */
  executor: Schema.optional(ExecutorKind),
  error: Schema.optional(AttemptError),
  notebookPath: Schema.optional(Schema.String)
})
export type Attempt = typeof Attempt.Type

/** The profile an attempt runs with: what its verdict says, and `read-only` without one (fail closed). */
export const profileOf = (attempt: Attempt | undefined): ExecutionProfile => attempt?.verdict?.profile ?? "read-only"
