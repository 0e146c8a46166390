import { Context, type Effect } from "effect"
import type { ExecutionProfile } from "./Approval.js"
import type { ExecutorUnavailable } from "./Errors.js"
import type { ExecutionResult } from "./ExecutionResult.js"

export interface ExecutionJob {
  readonly runId: string
  readonly attempt: number
  readonly code: string
  /** Absolute folder on this host where the code file, the manifest and the figures end up. */
  readonly workDir: string
  readonly profile: ExecutionProfile
  readonly timeoutMs: number
}

/**
 * Runs code through the shared Python runner. A failure of the code is a result
 * (`error`, `exitCode`); only a failure of the executor itself is an error.
 */
export class Executor extends Context.Tag("@pyexec/core/Executor")<
  Executor,
  {
    readonly kind: string
    readonly execute: (job: ExecutionJob) => Effect.Effect<ExecutionResult, ExecutorUnavailable>
  }
>() {}
