import { Context, Effect } from "effect"
import type { Option } from "effect"
import type { ApprovalDecision } from "./Approval.js"
import type { AuditEntry, AuditRecord } from "./Audit.js"
import { AmbiguousRunId, type RunNotFound, type StaleRun, type StoreError } from "./Errors.js"
import { RunId } from "./Ids.js"
import type { Run } from "./Run.js"
import type { Chunk, Entry, Phase } from "./RunOutput.js"
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
  /** Who caused it, for the audit row written in the same transaction (default "pyexec"). */
  readonly actor?: string
}

export interface RunSummary {
  readonly id: RunId
  readonly status: RunStatus
  readonly requester: string
  readonly title: string
  readonly attempts: number
  readonly createdAt: string
  readonly updatedAt: string
}

export interface RunFilter {
  readonly status?: RunStatus
  readonly requester?: string
  /** Runs whose id starts with this (see `find`). */
  readonly idPrefix?: string
  readonly limit?: number
  readonly offset?: number
}

/**
 * A worker's hold on a run: while its lease lasts no other worker drives the run. Leases expire by
 * themselves, so a worker that dies releases its runs without telling anyone.
 */
export interface Claim {
  /** Names the process: host, pid and a random part. */
  readonly worker: string
  readonly leaseMs: number
}

/** A request to cancel a run: who asked, and when (ISO 8601). */
export interface CancelRequest {
  readonly by: string
  readonly at: string
}

/** Which run to claim: the given one, or the oldest unclaimed one in one of the statuses. */
export type ClaimTarget = { readonly runId: RunId } | { readonly statuses: ReadonlyArray<RunStatus> }

export interface Checkpoint {
  readonly seq: number
  readonly fromStatus: RunStatus | null
  readonly toStatus: RunStatus
  readonly event: string
  readonly at: string
}

/** The store's counts, as /metrics serves them (every server process on the store sees the same). */
export interface Census {
  readonly byStatus: Partial<Record<RunStatus, number>>
  /** When the longest-waiting run began to wait for approval (its last transition); none when no run waits. */
  readonly oldestWaitingSince: string | undefined
}

export class RunStore extends Context.Tag("@pyexec/core/RunStore")<
  RunStore,
  {
    /**
     * Stores a new run; with `heldBy`, already claimed by that worker (the CLI drives the run it creates: no
     * other process polling the store may take it in between).
     */
    readonly create: (run: Run, heldBy?: Claim) => Effect.Effect<Run, StoreError>
    readonly get: (runId: RunId) => Effect.Effect<Run, RunNotFound | StoreError>
    readonly list: (filter?: RunFilter) => Effect.Effect<ReadonlyArray<RunSummary>, StoreError>
    /** Compare-and-set on `expectedVersion`; a checkpoint row is written in the same transaction. */
    readonly commit: (transition: Transition) => Effect.Effect<Run, StaleRun | StoreError>
    readonly checkpoints: (runId: RunId) => Effect.Effect<ReadonlyArray<Checkpoint>, StoreError>
    /** Number of runs the filter matches, without limit and offset (for pagination). */
    readonly count: (filter?: RunFilter) => Effect.Effect<number, StoreError>
    /**
     * Takes a run no live lease holds (`FOR UPDATE SKIP LOCKED`: concurrent claimers never wait on each
     * other and never get the same run). None when nothing is free.
     */
    readonly claim: (claim: Claim, target: ClaimTarget) => Effect.Effect<Option.Option<Run>, StoreError>
    /** Extends the lease; false when the worker no longer holds it. */
    readonly renew: (runId: RunId, claim: Claim) => Effect.Effect<boolean, StoreError>
    readonly release: (runId: RunId, worker: string) => Effect.Effect<void, StoreError>
    /** Asks whoever drives the run to cancel it; the first request is kept. Not a transition: no version moves. */
    readonly requestCancel: (runId: RunId, by: string) => Effect.Effect<void, StoreError>
    /** Who asked to cancel the run, and when, if anyone did. */
    readonly cancelRequest: (runId: RunId) => Effect.Effect<Option.Option<CancelRequest>, StoreError>
    /** Runs in a status whose lease has expired or that no one holds (`executing` after a crash). */
    readonly unheld: (status: RunStatus) => Effect.Effect<ReadonlyArray<Run>, StoreError>
    /** Runs waiting for approval since before the given time. */
    readonly waitingSince: (before: string) => Effect.Effect<ReadonlyArray<Run>, StoreError>
    /** How many runs are in each status, and since when the run that has waited longest for approval waits. */
    readonly census: () => Effect.Effect<Census, StoreError>
    /** Appends to the audit log outside a transition (a refused decision). */
    readonly audit: (entry: AuditEntry) => Effect.Effect<void, StoreError>
    readonly auditLog: (runId: RunId) => Effect.Effect<ReadonlyArray<AuditRecord>, StoreError>
    /**
     * Appends what the code of an attempt wrote while it runs (RunOutput.ts), in order, each chunk a new `seq`. Only
     * while the run is `executing` that attempt (`analyzing` it, for its preview; `generating` it, for the model's
     * reply, before the attempt is stored): a write that comes after that is stored (or after a later attempt
     * began) stores nothing (RunOutput.isWriting). Keeps the newest `keepBytes` (RunOutput.defaults) of each
     * attempt, its reply's, its preview's and its run's output together.
     */
    readonly appendOutput: (runId: RunId, attempt: number, phase: Phase, chunks: ReadonlyArray<Chunk>) => Effect.Effect<void, StoreError>
    /** The run's live output after `after` (-1: from the oldest kept), oldest first, at most `limit` chunks (default 500). */
    readonly outputAfter: (runId: RunId, after: number, limit?: number) => Effect.Effect<ReadonlyArray<Entry>, StoreError>
    /**
     * Stores an input file's bytes under their SHA-256 (InputFiles.ts), once: the same bytes again store nothing.
     * Before the run that names them is made, so a worker never finds a run without its files.
     */
    readonly saveInputFile: (bytes: Uint8Array) => Effect.Effect<string, StoreError>
    /** The bytes stored under a SHA-256, if any. */
    readonly inputFile: (sha256: string) => Effect.Effect<Option.Option<Uint8Array>, StoreError>
  }
>() {}

/**
 * The run a person means by an id they typed: the whole id, or the start of exactly one run's id (progress lines
 * print 8 characters). RunNotFound names what they typed; AmbiguousRunId lists a few of the runs it starts.
 */
export const find = (store: RunStore["Type"], typed: string): Effect.Effect<Run, RunNotFound | AmbiguousRunId | StoreError> =>
  Effect.catchTag(store.get(RunId.make(typed)), "RunNotFound", (notFound) =>
    Effect.gen(function* () {
      const matches = yield* store.list({ idPrefix: typed, limit: 3 })
      if (matches.length === 0) return yield* notFound
      if (matches.length > 1) return yield* new AmbiguousRunId({ prefix: typed, matches: matches.map((m) => m.id).sort() })
      return yield* store.get(matches[0]!.id)
    })
  )
