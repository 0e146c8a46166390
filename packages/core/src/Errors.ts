import { Schema } from "effect"
import { Finding } from "./Finding.js"
import { ExecutorKind } from "./Executor.js"
import { RunId } from "./Ids.js"

export const GenerationFailure = Schema.Literal("unreachable", "model-not-found", "empty-reply", "http-error", "bad-reply")
export type GenerationFailure = typeof GenerationFailure.Type

/** The generator could not give code: the model server is down, the model is missing, or the reply was empty. */
export class GenerationFailed extends Schema.TaggedError<GenerationFailed>()("GenerationFailed", {
  reason: GenerationFailure,
  message: Schema.String,
  runId: Schema.optional(RunId),
  cause: Schema.optional(Schema.Defect)
}) {}

/** The policy refused the code outright. */
export class AnalysisBlocked extends Schema.TaggedError<AnalysisBlocked>()("AnalysisBlocked", {
  runId: RunId,
  message: Schema.String,
  findings: Schema.Array(Finding)
}) {}

/** A person rejected the code. */
export class ApprovalRejected extends Schema.TaggedError<ApprovalRejected>()("ApprovalRejected", {
  runId: RunId,
  decidedBy: Schema.String,
  message: Schema.String
}) {}

/** A decision that was not applied: it changes nothing, and says why. */
export class ApprovalRefused extends Schema.TaggedError<ApprovalRefused>()("ApprovalRefused", {
  runId: RunId,
  reason: Schema.Literal("not-awaiting", "stale-code", "already-decided", "not-allowed", "own-run", "not-in-group", "already-approved", "not-revisable", "expired"),
  message: Schema.String
}) {}

/** A request to cancel a run that changes nothing: it ended already, or the caller may not cancel it. */
export class CancelRefused extends Schema.TaggedError<CancelRefused>()("CancelRefused", {
  runId: RunId,
  reason: Schema.Literal("not-allowed", "ended"),
  message: Schema.String
}) {}

/** The code did not succeed within the allowed attempts, or the executor could not run it. */
export class ExecutionFailed extends Schema.TaggedError<ExecutionFailed>()("ExecutionFailed", {
  runId: RunId,
  reason: Schema.Literal("code-error", "timeout", "infrastructure"),
  message: Schema.String,
  traceback: Schema.optional(Schema.String)
}) {}

/**
 * The executor itself failed (not the code). `codeMayHaveRun` tells the pipeline whether
 * trying again could run the code twice.
 */
export class ExecutorUnavailable extends Schema.TaggedError<ExecutorUnavailable>()("ExecutorUnavailable", {
  reason: Schema.Literal("unreachable", "spawn-failed", "lost", "misconfigured"),
  message: Schema.String,
  codeMayHaveRun: Schema.Boolean,
  cause: Schema.optional(Schema.Defect)
}) {}

/**
 * A request named an executor other than the one this server runs code with: it is refused before a run is made,
 * so that what a reviewer is shown as the executor is where the code runs.
 */
export class ExecutorNotServed extends Schema.TaggedError<ExecutorNotServed>()("ExecutorNotServed", {
  requested: ExecutorKind,
  served: ExecutorKind
}) {
  override get message() {
    return `this server runs code with the ${this.served} executor, and the request names ${this.requested}: leave \`executor\` out, or send it to a server that runs ${this.requested}`
  }
}

export class RunNotFound extends Schema.TaggedError<RunNotFound>()("RunNotFound", {
  runId: Schema.String
}) {
  override get message() {
    return `no run with id ${this.runId}: list runs with \`pyexec runs\``
  }
}

/** A run id prefix that more than one run's id starts with. */
export class AmbiguousRunId extends Schema.TaggedError<AmbiguousRunId>()("AmbiguousRunId", {
  prefix: Schema.String,
  matches: Schema.Array(Schema.String)
}) {
  override get message() {
    return `run id ${this.prefix} is the start of several runs' ids (${this.matches.join(", ")}): give more of it`
  }
}

/** The run moved on since it was read: the change was not applied. */
export class StaleRun extends Schema.TaggedError<StaleRun>()("StaleRun", {
  runId: RunId,
  message: Schema.String
}) {}

export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  reason: Schema.Literal("unavailable", "corrupt", "locked", "query"),
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

export class NotebookError extends Schema.TaggedError<NotebookError>()("NotebookError", {
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

/** What can stop the pipeline itself (not the run): the store, a run moved on elsewhere, or the notebook folder. */
export type PipelineError = StoreError | StaleRun | NotebookError
