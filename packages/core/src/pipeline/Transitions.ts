import { Context, Effect, Option } from "effect"
import type { ApprovalDecision } from "../Approval.js"
import type { Attempt } from "../Attempt.js"
import * as Metrics from "../Metrics.js"
import type { Run } from "../Run.js"
import type { RunStatus } from "../RunStatus.js"
import { now, type Records } from "./Kernel.js"

/** Whether each transition is logged: by `serve`, whose log tells what its runs did; a command shows its own progress. */
export class LogTransitions extends Context.Reference<LogTransitions>()("@pyexec/core/LogTransitions", { defaultValue: () => false }) {}

/**
 * How the pipeline stores what happened: every change of a run is one transition (a checkpoint, and an audit row
 * for a decision), compared against the version it was read at; the observer is told after it is stored.
 */
export const make = ({ store, notebooks, observer }: Records) => {
  /** Stores a change of the run; the audit log names who made it: the decider, `actor`, or pyexec. */
  const commit = (run: Run, change: Partial<Run>, event: string, approval?: ApprovalDecision, actor?: string) => {
    const updatedAt = now()
    return store
      .commit({
        next: { ...run, ...change, updatedAt, version: run.version + 1 },
        expectedVersion: run.version,
        event,
        ...(approval ? { approval, actor: approval.decidedBy } : {}),
        ...(actor ? { actor } : {})
      })
      .pipe(
        Effect.tap((next) => Metrics.transitioned(run.status, next.status, run.updatedAt, updatedAt)),
        Effect.tap((next) =>
          Effect.flatMap(LogTransitions, (on) =>
            on ? Effect.logInfo(`run ${next.id}: ${run.status} → ${next.status}: ${event}`).pipe(Effect.annotateLogs({ runId: next.id, from: run.status, to: next.status })) : Effect.void
          )
        ),
        Effect.tap((next) => Option.match(observer, { onNone: () => Effect.void, onSome: (o) => o.onTransition(next, event) }))
      )
  }

  const withAttempt = (run: Run, attempt: Attempt): ReadonlyArray<Attempt> => run.attempts.map((a) => (a.number === attempt.number ? attempt : a))

  /** Writes the attempt's notebook from the state about to be stored and returns that state with its path. */
  const noteAttempt = (run: Run, attempt: Attempt) =>
    Effect.map(notebooks.writeAttempt({ ...run, attempts: withAttempt(run, attempt) }, attempt.number), (notebookPath) => ({ ...attempt, notebookPath }))

  /** Ends a run: final notebook, outcome, one transition. */
  const finish = (run: Run, status: RunStatus, change: Partial<Run>, event: string, approval?: ApprovalDecision, actor?: string) =>
    Effect.flatMap(notebooks.writeFinal({ ...run, ...change, status }), (notebookPath) => commit(run, { ...change, status, notebookPath }, event, approval, actor))

  return { commit, withAttempt, noteAttempt, finish }
}

export type Transitions = ReturnType<typeof make>
