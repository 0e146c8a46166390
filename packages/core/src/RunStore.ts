import { Context, type Effect } from "effect"
import type { ApprovalDecision } from "./Approval.js"
import type { RunNotFound, StaleRun, StoreError } from "./Errors.js"
import type { Run } from "./Run.js"
import type { RunStatus } from "./RunStatus.js"

/**
 * One state transition: the run as it is after it, the version it was read at,
 * and the approval decision it applies, if any. It is written whole or not at all.
 */
export interface Transition {
  readonly next: Run
  readonly expectedVersion: number
  readonly event: string
  readonly approval?: ApprovalDecision
}

export interface RunSummary {
  readonly id: string
  readonly status: RunStatus
  readonly requester: string
  readonly title: string
  readonly attempts: number
  readonly createdAt: string
  readonly updatedAt: string
}

export interface RunFilter {
  readonly status?: RunStatus
  readonly limit?: number
  readonly offset?: number
}

export interface Checkpoint {
  readonly seq: number
  readonly fromStatus: RunStatus | null
  readonly toStatus: RunStatus
  readonly event: string
  readonly at: string
}

export class RunStore extends Context.Tag("@pyexec/core/RunStore")<
  RunStore,
  {
    readonly create: (run: Run) => Effect.Effect<Run, StoreError>
    readonly get: (runId: string) => Effect.Effect<Run, RunNotFound | StoreError>
    readonly list: (filter?: RunFilter) => Effect.Effect<ReadonlyArray<RunSummary>, StoreError>
    /** Compare-and-set on `expectedVersion`; a checkpoint row is written in the same transaction. */
    readonly commit: (transition: Transition) => Effect.Effect<Run, StaleRun | StoreError>
    readonly checkpoints: (runId: string) => Effect.Effect<ReadonlyArray<Checkpoint>, StoreError>
  }
>() {}
