import { Schema } from "effect"
import { ExecutorKind } from "./Executor.js"
import { RunId } from "./Ids.js"

/** How much code needs a person's approval before it runs. */
export const PolicyMode = Schema.Literal("disabled", "epics_writes", "all_code")
export type PolicyMode = typeof PolicyMode.Type

const FolderName = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/),
  Schema.annotations({
    message: () => "executionFolderName must be 1-80 letters, digits, '.', '_' or '-', starting with a letter or digit"
  })
)

const NonBlank = Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0, { message: () => "must not be blank" })
)

/**
 * Where a request was asked when a chat app asked it: the channel and the `ts` of the status message the app
 * posted first, so whichever process drives the run can update that message, also after a restart.
 */
export const RequestOrigin = Schema.Struct({
  kind: Schema.Literal("slack"),
  channel: Schema.String,
  ts: Schema.String,
  user: Schema.String,
  team: Schema.optional(Schema.String)
})
export type RequestOrigin = typeof RequestOrigin.Type

/** Large enough for any script a person reviews; a bound so that one request cannot fill the store. */
export const maxCodeChars = 1_000_000
export const maxQueryChars = 20_000

const Query = NonBlank.pipe(Schema.maxLength(maxQueryChars, { message: () => `a query may have at most ${maxQueryChars} characters` }))
const Code = NonBlank.pipe(Schema.maxLength(maxCodeChars, { message: () => `code may have at most ${maxCodeChars} characters` }))

/** What a person asks pyexec to do: a request in words, or code to run as given. */
export const ExecutionRequest = Schema.Struct({
  query: Schema.optional(Query),
  taskObjective: Schema.optional(Schema.String),
  expectedResults: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  code: Schema.optional(Code),
  executionFolderName: Schema.optional(FolderName),
  executor: Schema.optional(ExecutorKind),
  policyMode: Schema.optional(PolicyMode),
  model: Schema.optional(Schema.String),
  maxAttempts: Schema.optional(Schema.Int.pipe(Schema.between(1, 10))),
  timeoutSeconds: Schema.optional(Schema.Number.pipe(Schema.positive(), Schema.lessThanOrEqualTo(86_400))),
  requester: NonBlank,
  origin: Schema.optional(RequestOrigin),
  /** The run whose writes this one puts back (a restore, made by pyexec from that run's write ledger). */
  restores: Schema.optional(RunId)
}).pipe(
  Schema.filter((r) => r.query !== undefined || r.code !== undefined, {
    message: () => "a request needs a query (to generate code) or code (to run as given)"
  })
)
export type ExecutionRequest = typeof ExecutionRequest.Type
