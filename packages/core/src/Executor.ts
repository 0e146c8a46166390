import { Context, type Effect, Schema } from "effect"
import type { ExecutionProfile } from "./Approval.js"
import type { ExecutorUnavailable } from "./Errors.js"
import type { ExecutionResult } from "./ExecutionResult.js"
import type { CodeSha256 } from "./Ids.js"
import type { Loaded } from "./InputFiles.js"
import type { RunEnvironment } from "./RunEnvironment.js"
import type { Chunk } from "./RunOutput.js"

/** Where code runs: on this host, in a container, or on a host over SSH. */
export const ExecutorKind = Schema.Literal("local", "container", "ssh")
export type ExecutorKind = typeof ExecutorKind.Type

export interface ExecutionJob {
  /** The run the job belongs to (names its container, its remote folder). */
  readonly runId: string
  readonly attempt: number
  readonly code: string
  /** The SHA-256 of `code` as it was approved (or judged read-only): the runner checks it before it runs anything. */
  readonly codeSha256: CodeSha256
  /** Put in the work folder before the code runs; the runner checks each one's SHA-256 first (InputFiles.ts). */
  readonly inputFiles?: ReadonlyArray<Loaded>
  /** Absolute folder on this host where the code file, the manifest and the figures end up. */
  readonly workDir: string
  readonly profile: ExecutionProfile
  readonly timeoutMs: number
  /**
   * `preview`: run a write run's code before it is approved, on the read-only path, its writes recorded and not
   * sent (the run's plan). `plan`: an approved run may make only these writes (the approved preview's).
   */
  readonly preview?: boolean
  readonly plan?: ReadonlyArray<{ readonly channel: string; readonly value: unknown }>
  /**
   * Told of the code's stdout and stderr as they arrive, while it runs (UTF-8 decoded across reads), besides the
   * capture in the result. Only the code's own output: nothing of the executor's framing. Never after `execute`
   * has ended; what it throws is ignored.
   */
  readonly onOutput?: (chunk: Chunk) => void
}

/**
 * Whether an executor holds an unapproved (read-only) run to reading, where the code cannot reach: a network
 * whose only way to the control system is a gateway that cannot write, and a process boundary. Where it is
 * `missing`, nothing but the run's own process would stop a write, so every run of that executor needs approval.
 */
export type ReadOnlyBoundary =
  | { readonly _tag: "enforced"; readonly detail: string }
  | { readonly _tag: "missing"; readonly reason: string }

/**
 * Runs code through the shared Python runner. A failure of the code is a result
 * (`error`, `exitCode`); only a failure of the executor itself is an error.
 */
export class Executor extends Context.Tag("@pyexec/core/Executor")<
  Executor,
  {
    readonly kind: ExecutorKind
    readonly readOnlyBoundary: ReadOnlyBoundary
    readonly execute: (job: ExecutionJob) => Effect.Effect<ExecutionResult, ExecutorUnavailable>
    /** What the code's Python has (RunEnvironment.probing: asked once), for the model's prompt. */
    readonly environment?: Effect.Effect<RunEnvironment | undefined>
    /** What of the executor does not answer now, one line each (none: all is well); for /readyz. */
    readonly problems?: () => Effect.Effect<ReadonlyArray<string>>
  }
>() {}
