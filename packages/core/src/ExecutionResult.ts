import { Schema } from "effect"
import { WriteRecord } from "./WriteLedger.js"

/** An exception raised by the code, as the runner recorded it. */
export const CodeError = Schema.Struct({
  type: Schema.String,
  message: Schema.String,
  traceback: Schema.String,
  line: Schema.optional(Schema.Int)
})
export type CodeError = typeof CodeError.Type

/** The same shape from every executor. */
export const ExecutionResult = Schema.Struct({
  exitCode: Schema.Int,
  stdout: Schema.String,
  stderr: Schema.String,
  stdoutTruncated: Schema.Boolean,
  stderrTruncated: Schema.Boolean,
  /** The `results` dict as JSON, or null when the code set none. */
  results: Schema.NullOr(Schema.Unknown),
  resultsPresent: Schema.Boolean,
  /** Absolute paths of the PNG files the code's open figures were saved to. */
  figures: Schema.Array(Schema.String),
  durationMs: Schema.Number,
  timedOut: Schema.Boolean,
  error: Schema.NullOr(CodeError),
  /** Every write the code attempted (approved runs), as the runner recorded it: the write ledger. */
  writes: Schema.optional(Schema.Array(WriteRecord))
})
export type ExecutionResult = typeof ExecutionResult.Type
