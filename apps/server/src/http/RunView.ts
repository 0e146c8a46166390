import { ApprovalRoutes, type Attempt, type Audit, type Executor, Restore, Run, type RunStore } from "@pyexec/core"
import type { RunView } from "./ApiSchemas.js"

/** Where the API serves a run's files; the view carries these, never the paths on disk. */
export const urls = {
  /** The review page's page of a run. */
  page: (runId: string) => `/runs/${encodeURIComponent(runId)}`,
  run: (runId: string) => `/api/runs/${encodeURIComponent(runId)}`,
  notebook: (runId: string, attempt?: number) =>
    `${urls.run(runId)}/notebook.ipynb${attempt === undefined ? "" : `?attempt=${attempt}`}`,
  figure: (runId: string, attempt: number, index: number) => `${urls.run(runId)}/attempts/${attempt}/figures/${index}`,
  jupyter: (runId: string) => `${urls.run(runId)}/jupyter`
}

export interface ViewParts {
  readonly run: Run.Run
  readonly history: ReadonlyArray<RunStore.Checkpoint>
  readonly audit: ReadonlyArray<Audit.AuditRecord>
  /** Where the code ran, else where it will: the server's executor. */
  readonly executor: Executor.ExecutorKind
  readonly youMayDecide: boolean
  readonly expiresAt: string | undefined
  /** Makes a file's path a link that opens in a browser (SignedLinks.ts). */
  readonly link: (path: string) => string
  /** Whether a JupyterLab is configured to open notebooks in (Jupyter.ts). */
  readonly jupyter: boolean
}

const present = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>))

/** Where an attempt's approval stands, for one that waited (or waits) for a person. */
const standingOf = (attempt: Attempt.Attempt, waitingOn: boolean) =>
  waitingOn || attempt.routing || attempt.approvals || attempt.approval?.verdict === "approved"
    ? ApprovalRoutes.standingOf(attempt).map((s) => ({ ...s.requirement, by: s.by, missing: s.missing }))
    : undefined

/** A run as the API shows it: what a reviewer needs, with links to its files that open in a browser too. */
export const toRunView = ({ run, history, audit, executor, youMayDecide, expiresAt, link, jupyter }: ViewParts): RunView => {
  const current = Run.currentAttempt(run)
  const waiting = run.status === "awaiting_approval"
  return {
    id: run.id,
    status: run.status,
    requester: run.request.requester,
    title: Run.titleOf(run),
    request: run.request,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    version: run.version,
    ...present("outcome", run.outcome),
    executor,
    ...present("profile", current?.verdict?.profile),
    ...present("codeSha256", current?.codeSha256),
    ...present("awaitingApprovalSince", waiting ? run.updatedAt : undefined),
    ...present("expiresAt", waiting ? expiresAt : undefined),
    attempts: run.attempts.map((a) => ({
      number: a.number,
      source: a.source,
      code: a.code,
      codeSha256: a.codeSha256,
      ...present("model", a.model),
      createdAt: a.createdAt,
      ...present("executor", a.executor),
      ...present("preview", a.preview),
      ...present("routing", a.routing),
      ...present("approvals", a.approvals),
      ...present("standing", standingOf(a, waiting && a === current)),
      findings: a.analysis?.findings ?? [],
      ...present("analysis", a.analysis && { parsed: a.analysis.parsed, durationMs: a.analysis.durationMs }),
      ...present("verdict", a.verdict),
      ...present(
        "approval",
        a.approval && {
          verdict: a.approval.verdict,
          decidedBy: a.approval.decidedBy,
          decidedAt: a.approval.decidedAt,
          ...present("comment", a.approval.comment),
          ...present("groups", a.approval.groups),
          ...present("revise", a.approval.revise)
        }
      ),
      ...present(
        "result",
        a.result && {
          exitCode: a.result.exitCode,
          stdout: a.result.stdout,
          stderr: a.result.stderr,
          results: a.result.results,
          figures: a.result.figures.map((_, i) => link(urls.figure(run.id, a.number, i))),
          durationMs: a.result.durationMs,
          timedOut: a.result.timedOut,
          error: a.result.error,
          stdoutTruncated: a.result.stdoutTruncated,
          stderrTruncated: a.result.stderrTruncated,
          resultsPresent: a.result.resultsPresent,
          ...present("resultsText", a.result.resultsText),
          ...present("writes", a.result.writes)
        }
      ),
      ...present("error", a.error),
      ...present("notebook", a.notebookPath === undefined ? undefined : link(urls.notebook(run.id, a.number)))
    })),
    ...present("notebook", run.notebookPath === undefined ? undefined : link(urls.notebook(run.id))),
    ...present("jupyter", jupyter && run.attempts.some((a) => a.notebookPath !== undefined) ? link(urls.jupyter(run.id)) : undefined),
    history: history.map((c) => ({ seq: c.seq, fromStatus: c.fromStatus, toStatus: c.toStatus, event: c.event, at: c.at })),
    audit: audit.map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, message: e.message, ...present("detail", e.detail) })),
    youMayDecide,
    restorable: Restore.restorable(run)
  }
}
