import { Ids, Run as RunSchema, type RunStore } from "@pyexec/core"
import { Effect, Schema } from "effect"
import { Errors } from "@pyexec/core"
import type * as schema from "../schema.js"

type RunRow = typeof schema.runs.$inferSelect
/** What a transition writes: everything but the claim, which only claims touch. */
type RunColumns = Omit<RunRow, "claimedBy" | "claimExpiresAt" | "cancelRequestedBy" | "cancelRequestedAt">
type AttemptRow = typeof schema.attempts.$inferSelect
type Run = RunSchema.Run
type Attempt = Run["attempts"][number]

/** Postgres prints timestamps its own way; the domain speaks ISO 8601. */
export const iso = (timestamp: string): string => new Date(timestamp).toISOString()

const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>

export const attemptToRow = (runId: string, a: Attempt): AttemptRow => ({
  runId,
  number: a.number,
  source: a.source,
  code: a.code,
  codeSha256: a.codeSha256,
  model: a.model ?? null,
  analysis: a.analysis ?? null,
  verdict: a.verdict ?? null,
  routing: a.routing ?? null,
  approvals: a.approvals ?? null,
  approval: a.approval ?? null,
  result: a.result ?? null,
  error: a.error ?? null,
  notebookPath: a.notebookPath ?? null,
  executor: a.executor ?? null,
  preview: a.preview ?? null,
  createdAt: a.createdAt
})

export const runToRow = (run: Run): RunColumns => ({
  id: run.id,
  status: run.status,
  requester: run.request.requester,
  title: RunSchema.titleOf(run),
  request: run.request,
  outcome: run.outcome ?? null,
  notebookPath: run.notebookPath ?? null,
  version: run.version,
  createdAt: run.createdAt,
  updatedAt: run.updatedAt
})

const decodeRun = Schema.decodeUnknown(RunSchema.Run)

/** Rebuilds a run from its rows; rows that do not decode are reported, never half-read. */
export const rowsToRun = (row: RunRow, attemptRows: ReadonlyArray<AttemptRow>) =>
  decodeRun({
    id: row.id,
    status: row.status,
    request: row.request,
    attempts: attemptRows.map((a) => ({
      number: a.number,
      source: a.source,
      code: a.code,
      codeSha256: a.codeSha256,
      createdAt: iso(a.createdAt),
      ...optional("model", a.model),
      ...optional("analysis", a.analysis),
      ...optional("verdict", a.verdict),
      ...optional("routing", a.routing),
      ...optional("approvals", a.approvals),
      ...optional("approval", a.approval),
      ...optional("result", a.result),
      ...optional("error", a.error),
      ...optional("notebookPath", a.notebookPath),
      ...optional("executor", a.executor),
      ...optional("preview", a.preview)
    })),
    ...optional("outcome", row.outcome),
    ...optional("notebookPath", row.notebookPath),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version
  }).pipe(
    Effect.mapError(
      (error) =>
        new Errors.StoreError({
          reason: "corrupt",
          message: `run ${row.id} is stored in a shape this version cannot read: ${error.message}`
        })
    )
  )

export const rowToSummary = (row: RunRow, attempts: number): RunStore.RunSummary => ({
  id: Ids.RunId.make(row.id),
  status: row.status as RunStore.RunSummary["status"],
  requester: row.requester,
  title: row.title,
  attempts,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt)
})

/** The files a run points at, for the artifacts table. */
export const artifactsOf = (run: Run) => [
  ...run.attempts.flatMap((a) => [
    ...(a.notebookPath ? [{ attempt: a.number, kind: "notebook", path: a.notebookPath }] : []),
    ...(a.result?.figures ?? []).map((path) => ({ attempt: a.number, kind: "figure", path }))
  ]),
  ...(run.notebookPath ? [{ attempt: null, kind: "notebook", path: run.notebookPath }] : [])
]
