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
  /** How each result reads in Python, by its key (`1.0`, which JSON makes `1`): what displays show. */
  resultsText: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  /** Absolute paths of the PNG files the code's open figures were saved to. */
  figures: Schema.Array(Schema.String),
  durationMs: Schema.Number,
  timedOut: Schema.Boolean,
  error: Schema.NullOr(CodeError),
  /** Every write the code attempted (approved runs), as the runner recorded it: the write ledger. */
  writes: Schema.optional(Schema.Array(WriteRecord))
})
export type ExecutionResult = typeof ExecutionResult.Type

/**
 * The results as name and text, as displays show them: each key's text from the runner (Python's own way of
 * writing the value), else its JSON. A results value that is not a dict is one entry, `value`.
 */
export const resultEntries = (result: Pick<ExecutionResult, "results" | "resultsText">): ReadonlyArray<readonly [string, string]> => {
  const json = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)))
  const { results, resultsText } = result
  if (results === null || typeof results !== "object" || Array.isArray(results)) return [["value", json(results)]]
  return Object.entries(results as Record<string, unknown>).map(([key, value]) => [key, resultsText?.[key] ?? json(value)] as const)
}
