import { Approval, ApprovalRoutes, Attempt, ExecutionRequest, ExecutionResult, Executor, Finding, Identity, Ids, InputFiles, RunStatus } from "@pyexec/core"
import { Schema, Struct } from "effect"

/**
 * Postgres refuses NUL in text, so a NUL anywhere in the input would be a store failure; it is refused up front
 * with the path of the first string that holds one.
 */
const nulPath = (value: unknown, at: ReadonlyArray<PropertyKey>): ReadonlyArray<PropertyKey> | undefined => {
  if (typeof value === "string") return value.includes("\u0000") ? at : undefined
  // bytes (an input file's) are not text: NUL is theirs to hold, and each one an entry would take seconds
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return undefined
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, [...at, key])
    if (found) return found
  }
  return undefined
}

const withoutNul = <S extends Schema.Schema.Any>(schema: S) =>
  schema.pipe(
    Schema.filter((value) => {
      const path = nulPath(value, [])
      return path === undefined || { path, message: "must not contain NUL (\\u0000) characters" }
    })
  )

/** Each field with its description for /openapi.json, where the field is defined elsewhere (in core). */
const described = <F extends Schema.Struct.Fields>(fields: F, descriptions: { readonly [K in keyof F]?: string }): F =>
  Struct.evolve(
    fields,
    Object.fromEntries(
      (Object.entries(descriptions) as Array<[string, string]>).map(([key, description]) => [key, (field: Schema.Schema.Any) => field.annotations({ description })])
    ) as never
  )

/** Bodies name only the fields they may have: a misspelt or unsupported field is an error, not ignored. */
const strict = { parseOptions: { onExcessProperty: "error" } } as const

const NonBlank = Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0, { message: () => "must not be blank", jsonSchema: { pattern: "\\S" } })
)

/** An input file in a request body: a plain name (no folder, no dot-file) and the bytes as base64. */
const InputFileBody = Schema.Struct({
  name: Schema.String.pipe(Schema.filter((name) => InputFiles.nameProblem(name) ?? true)).annotations({ description: "the file's name in the run's folder" }),
  content: Schema.Uint8ArrayFromBase64.pipe(
    Schema.filter((bytes) => bytes.length <= InputFiles.limits.fileBytes || `is ${bytes.length} bytes, over the limit of ${InputFiles.limits.fileBytes} (8 MiB) a file`)
  ).annotations({ description: "the file's bytes, base64" })
}).annotations(strict)

const InputFileBodies = Schema.Array(InputFileBody).pipe(
  Schema.maxItems(InputFiles.limits.count, { message: () => `a request may carry at most ${InputFiles.limits.count} input files` })
)

const DataFileNames = Schema.Array(Schema.String.pipe(Schema.filter((name) => InputFiles.nameProblem(name) ?? true))).pipe(
  Schema.maxItems(InputFiles.limits.count, { message: () => `a request may carry at most ${InputFiles.limits.count} input files` })
)

const requestFields = described(
  {
    // Slack: only the bot sets `origin`; `inputFiles` are made from `files` and `dataFiles`
    ...Struct.omit(ExecutionRequest.ExecutionRequest.from.fields, "requester", "origin", "inputFiles"),
    files: Schema.optional(InputFileBodies),
    dataFiles: Schema.optional(DataFileNames),
    query: Schema.optional(NonBlank),
    code: Schema.optional(NonBlank.pipe(Schema.filter((code) => ExecutionRequest.codeProblem(code) ?? true)))
  },
  {
    query: "what to do, in words: the model writes the code (with `code`, the code's context instead)",
    code: "Python code to run as given (at most 1 MiB of UTF-8); it is analysed and may wait for an approval",
    taskObjective: "the goal behind the query, for the model",
    expectedResults: "names the code should put in `results`, each with what it means",
    executionFolderName: "the name of the run's working folder",
    executor: "where to run the code; only the server's own executor is accepted",
    policyMode: "which code needs an approval; a request may ask for more approval than the server's, never less",
    model: "the model that writes the code, instead of the server's",
    maxAttempts: "how many times the model may write the code before the run fails",
    timeoutSeconds: "how long the code may run",
    files: `files put in the run's folder before the code runs (at most ${InputFiles.limits.count}, ${InputFiles.limits.fileBytes >> 20} MiB each, ${InputFiles.limits.totalBytes >> 20} MiB in all, with \`dataFiles\`)`,
    dataFiles: "names of files in the server's data folder (PYEXEC_DATA_FOLDER) to put in the run's folder, as `files` are",
    parameters: "named values set before the code runs, as Python assignments above it (so the approval covers them); in the notebook, the cell tagged `parameters`",
    restores: "set by pyexec on a restore run: the run whose writes it puts back"
  }
)

/** POST /api/runs: a request as ExecutionRequest has it, without `requester` (the caller is the requester). */
export const SubmitRun = withoutNul(
  Schema.Struct(requestFields).annotations(strict).pipe(
    Schema.filter(
      (r) => r.query !== undefined || r.code !== undefined || { path: ["query"], message: "a request needs a query (to generate code) or code (to run as given)" },
      { description: "a query, or code, or both" }
    )
  )
).annotations({ identifier: "SubmitRun" })

const runIdField = Ids.RunId.annotations({ description: "the run's id" })
const statusField = RunStatus.RunStatus.annotations({ description: "the run's status (GET /api/statuses lists them in order)" })

export const RunAccepted = Schema.Struct({ runId: runIdField, status: statusField }).annotations({
  identifier: "RunAccepted",
  description: "The run is stored and goes on in the background; `Location` says where"
})

export const Approve = withoutNul(
  Schema.Struct({
    codeSha256: Ids.CodeSha256.annotations({ description: "the SHA-256 of the code approved: the run's `codeSha256` as GET showed it to the approver" }),
    comment: Schema.optional(Schema.String.pipe(Schema.maxLength(4000))).annotations({ description: "kept with the approval in the audit log" })
  }).annotations(strict)
).annotations({ identifier: "Approve" })

export const Reject = withoutNul(
  Schema.Struct({
    reason: NonBlank.pipe(Schema.maxLength(4000)).annotations({ description: "why, for the requester (and for the model, with `revise`)" }),
    revise: Schema.optional(Schema.Boolean).annotations({
      description: "send the run back to the model with the reason, for a new attempt (runs whose code the model wrote), instead of ending it"
    })
  }).annotations(strict)
).annotations({ identifier: "Reject" })

/** A whole number in a query string or a path; the document's schema for it is given whole, with its description. */
const QueryInt = (min: number, max: number, description: string) =>
  Schema.NumberFromString.pipe(Schema.int(), Schema.between(min, max)).annotations({
    jsonSchema: { type: "integer", minimum: min, maximum: max, description },
    message: () => ({ message: `must be a whole number from ${min} to ${max}`, override: true })
  })

export const ListParams = withoutNul(
  Schema.Struct({
    status: Schema.optionalWith(RunStatus.RunStatus.annotations({ description: "only runs in this status" }), { exact: true }),
    requester: Schema.optionalWith(NonBlank.annotations({ description: "only runs this person or service asked for" }), { exact: true }),
    limit: Schema.optionalWith(QueryInt(1, 200, "how many runs a page holds (default 50)"), { exact: true }),
    offset: Schema.optionalWith(QueryInt(0, 1_000_000_000, "how many runs to skip"), { exact: true })
  })
)

export const NotebookParams = Schema.Struct({
  attempt: Schema.optional(QueryInt(1, 1000, "this attempt's notebook, instead of the run's"))
})

const runIdParam = Ids.RunId.annotations({ description: "a run's id, or the start of one that no other run's id starts with" })
export const RunIdPath = withoutNul(Schema.Struct({ id: runIdParam }))
export const FigurePath = withoutNul(
  Schema.Struct({
    id: runIdParam,
    n: QueryInt(1, 1000, "the attempt"),
    i: QueryInt(0, 1000, "the figure, counting from 0")
  })
)

/** `Last-Event-ID`: the id of the event the client saw last: the transition's seq, then `/` and the output's seq once output came. */
export const LastEventId = Schema.String.pipe(Schema.pattern(/^\d{1,9}(\/\d{1,15})?$/)).annotations({
  message: () => ({ message: "must be an event's id: a transition's seq (5), or it and an output seq (5/120)", override: true })
})

export const EventHeaders = Schema.Struct({
  "last-event-id": Schema.optional(LastEventId.annotations({ description: "resume after this event: the `id` of the last event seen" }))
})

const requesterField = Schema.String.annotations({ description: "who asked: the name of the token that submitted the run" })
const titleField = Schema.String.annotations({ description: "a short title, from the query or the code" })
const createdAtField = Schema.String.annotations({ description: "when the run was submitted (ISO 8601, UTC)" })
const updatedAtField = Schema.String.annotations({ description: "when the run last changed (ISO 8601, UTC)" })

export const RunSummary = Schema.Struct({
  id: runIdField,
  status: statusField,
  requester: requesterField,
  title: titleField,
  attempts: Schema.Int.annotations({ description: "how many attempts the run has made (code written or given, analysed, maybe run)" }),
  createdAt: createdAtField,
  updatedAt: updatedAtField
}).annotations({ identifier: "RunSummary", description: "A run as a list shows it" })

export const RunPage = Schema.Struct({
  runs: Schema.Array(RunSummary).annotations({ description: "newest first" }),
  total: Schema.Int.annotations({ description: "how many runs the filter matches, on every page" }),
  limit: Schema.Int,
  offset: Schema.Int
}).annotations({ identifier: "RunPage", description: "One page of runs" })

/** The run statuses, in the order a run goes through them, and how pyexec groups them (core's RunStatus). */
export const Statuses = Schema.Struct({
  statuses: Schema.Array(RunStatus.RunStatus),
  groups: Schema.Record({ key: Schema.Literal(...(Object.keys(RunStatus.groups) as Array<RunStatus.Group>)), value: Schema.Array(RunStatus.RunStatus) })
}).annotations({ identifier: "Statuses", description: "The run statuses and their groups" })

export const Me = Schema.Struct({ name: Schema.String, roles: Schema.Array(Identity.Role) }).annotations({
  identifier: "Me",
  description: "Who the token names, and what its roles let it do"
})

const Result = Schema.Struct({
  exitCode: Schema.Int,
  stdout: Schema.String,
  stderr: Schema.String,
  results: Schema.Unknown.annotations({ description: "what the code put in its `results` variable, as JSON" }),
  figures: Schema.Array(Schema.String).annotations({ description: "URLs of the PNG figures, on this server" }),
  durationMs: Schema.Number,
  timedOut: Schema.Boolean,
  error: Schema.NullOr(ExecutionResult.CodeError),
  ...Struct.pick(ExecutionResult.ExecutionResult.fields, "stdoutTruncated", "stderrTruncated", "resultsPresent", "resultsText", "writes")
})

/** Where one approval requirement stands: who counted toward it, and how many approvals it still lacks. */
const Standing = Schema.Struct({
  ...ApprovalRoutes.Requirement.fields,
  by: Schema.Array(Schema.String),
  missing: Schema.Int
})

/** An attempt as stored, with its findings lifted out of the analysis and URLs instead of paths. */
const AttemptView = Schema.Struct({
  ...Struct.pick(Attempt.Attempt.fields, "number", "source", "code", "codeSha256", "model", "createdAt", "verdict", "error", "executor", "preview", "routing", "approvals"),
  standing: Schema.optional(Schema.Array(Standing)).annotations({
    description: "what its approval needs (one approval, and what the routes ask) and who has given it; for attempts that waited"
  }),
  findings: Schema.Array(Finding.Finding).annotations({ description: "what the analyzer found in the code, with rule codes and places (lines from 1)" }),
  analysis: Schema.optional(Finding.AnalysisReport.pick("parsed", "durationMs")).annotations({
    description: "whether the code parsed, and how long its analysis took (its findings are `findings`); none before analysis"
  }),
  approval: Schema.optional(Approval.ApprovalDecision.pick("verdict", "decidedBy", "decidedAt", "comment", "groups", "revise")),
  result: Schema.optional(Result).annotations({ description: "what the code did when it ran" }),
  notebook: Schema.optional(Schema.String).annotations({ description: "URL of this attempt's notebook" })
})

export const RunView = Schema.Struct({
  id: runIdField,
  status: statusField,
  requester: requesterField,
  title: titleField,
  request: ExecutionRequest.ExecutionRequest.annotations({ description: "the request as submitted, with its requester" }),
  createdAt: createdAtField,
  updatedAt: updatedAtField,
  version: Schema.Int.annotations({ description: "counts the run's changes" }),
  outcome: Schema.optional(Schema.Struct({ reason: Schema.String, message: Schema.String })).annotations({
    description: "why a run that did not succeed ended so"
  }),
  executor: Executor.ExecutorKind.annotations({ description: "where the code ran, else where it will" }),
  profile: Schema.optional(Approval.ExecutionProfile).annotations({ description: "the profile the current attempt gets: `write` may write to EPICS" }),
  codeSha256: Schema.optional(Ids.CodeSha256).annotations({ description: "the current attempt's code's SHA-256: what an approval must name" }),
  awaitingApprovalSince: Schema.optional(Schema.String).annotations({ description: "when the run began to wait for a decision" }),
  expiresAt: Schema.optional(Schema.String).annotations({ description: "when a waiting run expires, if expiry is configured" }),
  attempts: Schema.Array(AttemptView).annotations({ description: "every attempt, the first first" }),
  notebook: Schema.optional(Schema.String).annotations({ description: "URL of the run's final notebook" }),
  jupyter: Schema.optional(Schema.String).annotations({ description: "URL that opens the run's notebook in JupyterLab, when one is configured (a redirect)" }),
  history: Schema.Array(
    Schema.Struct({ seq: Schema.Int, fromStatus: Schema.NullOr(RunStatus.RunStatus), toStatus: RunStatus.RunStatus, event: Schema.String, at: Schema.String })
  ).annotations({ description: "every transition, in order, as the event stream sends them" }),
  audit: Schema.Array(
    Schema.Struct({
      id: Schema.Int,
      at: Schema.String,
      actor: Schema.String,
      action: Schema.String,
      message: Schema.String,
      detail: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
    })
  ).annotations({ description: "who did what to the run, and what was refused" }),
  youMayDecide: Schema.Boolean.annotations({ description: "the caller may approve or reject this run now" }),
  restorable: Schema.Boolean.annotations({
    description: "a restore (POST /api/runs/{id}/restore) can be asked for: the run ended, and its ledger has writes to put back"
  })
}).annotations({ identifier: "RunView", description: "A run with everything a reviewer needs" })
export type RunView = typeof RunView.Type

export const Decided = Schema.Struct({ runId: runIdField, status: statusField }).annotations({
  identifier: "Decided",
  description: "The decision was applied; the run's status after it"
})
