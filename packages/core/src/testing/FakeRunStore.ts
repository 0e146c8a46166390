import { Effect, Layer, Option } from "effect"
import { type AuditAction, type AuditEntry, type AuditRecord, actionOf as auditActionOf } from "../Audit.js"
import { RunNotFound, StaleRun, StoreError } from "../Errors.js"
import { sha256Of } from "../InputFiles.js"
import { currentAttempt, type Run, titleOf } from "../Run.js"
import * as RunOutput from "../RunOutput.js"
import type { RunStatus } from "../RunStatus.js"
import { type CancelRequest, type Checkpoint, type RunFilter, RunStore, type Transition } from "../RunStore.js"

type RunId = Run["id"]

/** Who holds a run, until when (ms since the epoch): the runs table's `claimed_by` and `claim_expires_at`. */
interface Lease {
  readonly worker: string
  readonly expiresAt: number
}

const time = (timestamp: string) => Date.parse(timestamp)
const iso = (timestamp: string) => new Date(timestamp).toISOString()
const oldestFirst = (runs: Iterable<Run>) => [...runs].sort((a, b) => time(a.updatedAt) - time(b.updatedAt))

/** A copy of the run as the database gives it back: its timestamps in ISO 8601, as Postgres' are read. */
const stored = (run: Run): Run => {
  const copy = structuredClone(run)
  return {
    ...copy,
    attempts: copy.attempts.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    createdAt: iso(copy.createdAt),
    updatedAt: iso(copy.updatedAt)
  }
}

const facts = (run: Run, fromStatus: RunStatus | null) => {
  const sha = currentAttempt(run)?.codeSha256
  return { fromStatus, toStatus: run.status, version: run.version, ...(sha ? { codeSha256: sha } : {}) }
}

const actionOf = ({ next, approval }: Transition, fromStatus: RunStatus): AuditAction => auditActionOf(next.status, fromStatus, approval)

const matching = (filter: RunFilter) => (run: Run) =>
  (!filter.status || run.status === filter.status) &&
  (!filter.requester || run.request.requester === filter.requester) &&
  (!filter.idPrefix || run.id.startsWith(filter.idPrefix))

const duplicateKey = (what: string, constraint: string) =>
  new StoreError({ reason: "query", message: `store: ${what} failed: duplicate key value violates unique constraint "${constraint}"` })

/**
 * The RunStore in memory, with the semantics of the SQL one (packages/store/test/storeContract.test.ts holds
 * them to each other): a commit is a compare-and-set that writes its checkpoint and audit row or nothing, and
 * only the newest attempt of a transition is written. Leases are measured on the wall clock, as the database
 * does, not on Effect's Clock. Values are copied in and out, so no caller changes what is stored.
 */
export const make = (options: { readonly keepOutputBytes?: number } = {}): RunStore["Type"] => {
  const keepOutputBytes = options.keepOutputBytes ?? RunOutput.defaults.keepBytes
  const runs = new Map<RunId, Run>()
  const leases = new Map<RunId, Lease>()
  const checkpoints = new Map<RunId, Array<Checkpoint>>()
  /** One settling decision per attempt: `runId attempt`. */
  const decided = new Set<string>()
  const auditRows: Array<AuditRecord> = []
  const inputFiles = new Map<string, Uint8Array>()
  const cancels = new Map<RunId, CancelRequest>()
  const output = new Map<RunId, Array<RunOutput.Entry>>()
  let outputSeq = 0

  const append = ({ detail, ...entry }: AuditEntry) =>
    auditRows.push({ ...structuredClone(entry), ...(detail === undefined ? {} : { detail: structuredClone(detail) }), id: auditRows.length + 1, at: new Date().toISOString() })
  const held = (runId: RunId) => (leases.get(runId)?.expiresAt ?? Number.NEGATIVE_INFINITY) >= Date.now()
  const copies = (found: Iterable<Run>) => [...found].map((run) => structuredClone(run))

  const commit = (transition: Transition) =>
    Effect.gen(function* () {
      const { next, expectedVersion, event, approval } = transition
      const current = runs.get(next.id)
      if (!current || current.version !== expectedVersion) {
        return yield* new StaleRun({ runId: next.id, message: `run ${next.id} changed since version ${expectedVersion}: the change was not applied` })
      }
      const written = stored(next)
      const last = written.attempts[written.attempts.length - 1]
      // only a decision that settles the attempt counts: an approval after which the run waits for another does not
      const decision = approval && next.status !== "awaiting_approval" ? `${approval.runId} ${last?.number ?? 0}` : undefined
      if (decision && decided.has(decision)) {
        return yield* new StaleRun({ runId: next.id, message: `attempt ${last?.number} of run ${next.id} was already decided` })
      }
      const history = checkpoints.get(next.id) ?? []
      if (history.some((c) => c.seq === next.version)) return yield* duplicateKey("storing a transition", "checkpoints_run_id_seq_pk")
      // As the SQL store: the run's columns but its creation time, and of the attempts only the newest.
      const attempts = last ? [...current.attempts.filter((a) => a.number !== last.number), last].sort((a, b) => a.number - b.number) : current.attempts
      runs.set(next.id, { ...written, attempts, createdAt: current.createdAt })
      if (decision) decided.add(decision)
      history.push({ seq: next.version, fromStatus: current.status, toStatus: next.status, event, at: written.updatedAt })
      append({
        runId: next.id,
        actor: transition.actor ?? approval?.decidedBy ?? "pyexec",
        action: actionOf(transition, current.status),
        message: event,
        detail: facts(next, current.status)
      })
      return structuredClone(next)
    })

  return RunStore.of({
    create: (run, heldBy) =>
      Effect.gen(function* () {
        if (runs.has(run.id)) return yield* duplicateKey("creating a run", "runs_pkey")
        const written = stored(run)
        runs.set(run.id, written)
        if (heldBy) leases.set(run.id, { worker: heldBy.worker, expiresAt: Date.now() + heldBy.leaseMs })
        checkpoints.set(run.id, [{ seq: run.version, fromStatus: null, toStatus: run.status, event: "created", at: written.createdAt }])
        append({ runId: run.id, actor: run.request.requester, action: "transition", message: "created", detail: facts(run, null) })
        return structuredClone(run)
      }),
    get: (runId) =>
      Effect.suspend(() => {
        const run = runs.get(runId)
        return run ? Effect.succeed(structuredClone(run)) : Effect.fail(new RunNotFound({ runId }))
      }),
    list: (filter = {}) =>
      Effect.sync(() => {
        const offset = filter.offset ?? 0
        return [...runs.values()]
          .filter(matching(filter))
          .sort((a, b) => time(b.createdAt) - time(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
          .slice(offset, offset + (filter.limit ?? 50))
          .map((run) => ({
            id: run.id,
            status: run.status,
            requester: run.request.requester,
            title: titleOf(run),
            attempts: run.attempts.length,
            createdAt: run.createdAt,
            updatedAt: run.updatedAt
          }))
      }),
    count: (filter = {}) => Effect.sync(() => [...runs.values()].filter(matching(filter)).length),
    commit,
    checkpoints: (runId) => Effect.sync(() => structuredClone(checkpoints.get(runId) ?? [])),
    claim: ({ worker, leaseMs }, target) =>
      Effect.sync(() => {
        const candidates = "runId" in target ? [runs.get(target.runId)] : oldestFirst([...runs.values()].filter((r) => target.statuses.includes(r.status)))
        // not even its holder takes a held run again: one driver per run
        const run = candidates.find((r) => r !== undefined && !held(r.id))
        if (!run) return Option.none()
        leases.set(run.id, { worker, expiresAt: Date.now() + leaseMs })
        return Option.some(structuredClone(run))
      }),
    // The holder renews even a lapsed lease as long as no one took the run since, as the SQL store does.
    renew: (runId, { worker, leaseMs }) =>
      Effect.sync(() => {
        if (leases.get(runId)?.worker !== worker) return false
        leases.set(runId, { worker, expiresAt: Date.now() + leaseMs })
        return true
      }),
    release: (runId, worker) =>
      Effect.sync(() => {
        if (leases.get(runId)?.worker === worker) leases.delete(runId)
      }),
    requestCancel: (runId, by) =>
      Effect.sync(() => {
        if (runs.has(runId) && !cancels.has(runId)) cancels.set(runId, { by, at: new Date().toISOString() })
      }),
    cancelRequest: (runId) => Effect.sync(() => Option.fromNullable(cancels.get(runId))),
    unheld: (status) => Effect.sync(() => copies(oldestFirst([...runs.values()].filter((r) => r.status === status && !held(r.id))))),
    waitingSince: (before) =>
      Effect.sync(() =>
        copies(oldestFirst([...runs.values()].filter((r) => r.status === "awaiting_approval" && time(r.updatedAt) < time(before))))
      ),
    census: () =>
      Effect.sync(() => {
        const byStatus: Partial<Record<RunStatus, number>> = {}
        for (const run of runs.values()) byStatus[run.status] = (byStatus[run.status] ?? 0) + 1
        const oldest = oldestFirst([...runs.values()].filter((r) => r.status === "awaiting_approval"))[0]
        return { byStatus, oldestWaitingSince: oldest?.updatedAt }
      }),
    audit: (entry) => Effect.sync(() => void append(entry)),
    auditLog: (runId) => Effect.sync(() => structuredClone(auditRows.filter((r) => r.runId === runId))),
    appendOutput: (runId, attempt, phase, chunks) =>
      Effect.sync(() => {
        const run = runs.get(runId)
        // as the SQL store: only while the run executes (or previews, or generates) this attempt
        if (!run || !RunOutput.isWriting(phase, attempt, run.status, run.attempts.at(-1)?.number ?? 0)) return
        const entries = output.get(runId) ?? []
        const at = new Date().toISOString()
        for (const chunk of chunks) {
          if (chunk.text === "") continue
          entries.push({ seq: ++outputSeq, attempt, phase, stream: chunk.stream, text: RunOutput.lastBytes(chunk.text, keepOutputBytes), at })
        }
        // as the SQL store: past keepOutputBytes, the attempt's oldest chunks go until it holds three quarters of it
        const ofAttempt = entries.filter((e) => e.attempt === attempt)
        const total = ofAttempt.reduce((n, e) => n + RunOutput.byteLength(e.text), 0)
        const dropped = new Set<RunOutput.Entry>()
        if (total > keepOutputBytes) {
          let kept = 0
          const newestFirst = [...ofAttempt].reverse()
          let keeping = true
          newestFirst.forEach((entry, i) => {
            kept += RunOutput.byteLength(entry.text)
            if (i > 0 && (!keeping || kept > Math.floor((keepOutputBytes * 3) / 4))) {
              keeping = false
              dropped.add(entry)
            }
          })
        }
        output.set(
          runId,
          entries.filter((e) => !dropped.has(e))
        )
      }),
    outputAfter: (runId, after, limit = 500) =>
      Effect.sync(() =>
        (output.get(runId) ?? [])
          .filter((e) => e.seq > after)
          .slice(0, limit)
          .map((e) => ({ ...e }))
      ),
    saveInputFile: (bytes) =>
      Effect.sync(() => {
        const sha256 = sha256Of(bytes)
        if (!inputFiles.has(sha256)) inputFiles.set(sha256, Uint8Array.from(bytes))
        return sha256
      }),
    inputFile: (sha256) => Effect.sync(() => Option.map(Option.fromNullable(inputFiles.get(sha256)), (bytes) => Uint8Array.from(bytes)))
  })
}

/** A fresh, empty store each time the layer is built. */
export const layer = (): Layer.Layer<RunStore> => Layer.sync(RunStore, make)
