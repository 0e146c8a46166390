import { Either, Schema } from "effect"
import { ExecutorKind } from "./Executor.js"
import { RunId } from "./Ids.js"
import { InputFiles } from "./InputFiles.js"
import { Parameters } from "./Parameters.js"

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

/** 1 MiB of UTF-8: large enough for any script a person reviews; a bound so that one request cannot fill the store. */
export const maxCodeBytes = 1024 * 1024
export const maxQueryChars = 20_000

const tooLarge = (bytes: number) => `is ${bytes} bytes, over the limit of ${maxCodeBytes} (1 MiB): load large data from a file instead`

/**
 * What is wrong with code as pyexec takes it, or undefined: UTF-8 text without NUL (Postgres cannot store NUL, and
 * the analyzer reads UTF-8 only), at most `maxCodeBytes`. The message never quotes the code. The CLI checks a file's
 * bytes with `decodeCode`, the API and every request schema check text with this.
 */
export const codeProblem = (code: string): string | undefined => {
  // with the u flag a paired surrogate is one code point: this finds lone ones only
  if (/\p{Surrogate}/u.test(code)) return "is not valid Unicode text (it has a lone surrogate): send the code as text"
  const nul = code.indexOf("\u0000")
  if (nul >= 0) return `contains a NUL character (at character ${nul}): pass Python source, not a binary file`
  const bytes = Buffer.byteLength(code, "utf8")
  return bytes > maxCodeBytes ? tooLarge(bytes) : undefined
}

/** A file's bytes as code, or what is wrong with them (see `codeProblem`); `size`, the file's, when it was not read. */
export const decodeCode = (bytes: Uint8Array, size = bytes.length): Either.Either<string, string> => {
  if (size > maxCodeBytes) return Either.left(tooLarge(size))
  let code: string
  try {
    code = new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return Either.left(`is not UTF-8 text (line ${firstNonUtf8Line(bytes)}): pass a Python source file saved as UTF-8`)
  }
  const problem = codeProblem(code)
  return problem === undefined ? Either.right(code) : Either.left(problem)
}

/** The first line that does not decode, for the message (a newline byte is never inside a UTF-8 character). */
const firstNonUtf8Line = (bytes: Uint8Array): number => {
  const decoder = new TextDecoder("utf-8", { fatal: true })
  let line = 1
  for (let start = 0; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start)
    const end = newline < 0 ? bytes.length : newline
    try {
      decoder.decode(bytes.subarray(start, end))
    } catch {
      return line
    }
    start = end + 1
  }
  return line
}

const Query = NonBlank.pipe(Schema.maxLength(maxQueryChars, { message: () => `a query may have at most ${maxQueryChars} characters` }))
const Code = NonBlank.pipe(Schema.filter((code) => codeProblem(code) ?? true))

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
  /** Named values set before the code runs (Parameters.ts). */
  parameters: Schema.optional(Parameters),
  /** Files put in the run's folder before the code runs, by name, size and SHA-256 (InputFiles.ts). */
  inputFiles: Schema.optional(InputFiles),
  /** The run whose writes this one puts back (a restore, made by pyexec from that run's write ledger). */
  restores: Schema.optional(RunId)
}).pipe(
  Schema.filter((r) => r.query !== undefined || r.code !== undefined, {
    message: () => "a request needs a query (to generate code) or code (to run as given)"
  })
)
export type ExecutionRequest = typeof ExecutionRequest.Type
