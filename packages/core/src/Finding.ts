import { Schema } from "effect"
import { CodeSha256 } from "./Ids.js"

export const Severity = Schema.Literal("info", "warning", "error")
export type Severity = typeof Severity.Type

/** The categories the built-in rules report; plugins may add their own. */
export const knownCategories = [
  "epics-write",
  "epics-read",
  "process",
  "dynamic-code",
  "file-delete",
  "file-write-outside",
  "network",
  "deserialization",
  "reflection",
  "import",
  "syntax"
] as const

/**
 * What a finding is about. `epics-write` findings are the ones the default policy sends to a
 * person; `syntax` findings send the code back to the generator. Open: plugins add categories.
 */
export const FindingCategory = Schema.String.pipe(Schema.pattern(/^[a-z][a-z0-9-]*$/))
export type FindingCategory = (typeof knownCategories)[number] | (string & {})

export const Finding = Schema.Struct({
  rule: Schema.String,
  name: Schema.String,
  category: FindingCategory,
  severity: Severity,
  line: Schema.Int,
  column: Schema.Int,
  endLine: Schema.Int,
  endColumn: Schema.Int,
  message: Schema.String
})
export type Finding = typeof Finding.Type

export const AnalysisReport = Schema.Struct({
  codeSha256: CodeSha256,
  parsed: Schema.Boolean,
  findings: Schema.Array(Finding),
  durationMs: Schema.Number
})
export type AnalysisReport = typeof AnalysisReport.Type
