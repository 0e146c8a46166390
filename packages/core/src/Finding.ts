import { Schema } from "effect"

export const Severity = Schema.Literal("info", "warning", "error")
export type Severity = typeof Severity.Type

/**
 * What a finding is about. `epics-write` findings are the ones the default policy
 * sends to a person; `syntax` findings send the code back to the generator.
 */
export const FindingCategory = Schema.Literal("epics-write", "epics-read", "dangerous", "syntax", "facility", "analyzer")
export type FindingCategory = typeof FindingCategory.Type

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
  codeSha256: Schema.String,
  parsed: Schema.Boolean,
  findings: Schema.Array(Finding),
  durationMs: Schema.Number
})
export type AnalysisReport = typeof AnalysisReport.Type

export const hasCategory = (report: AnalysisReport, category: FindingCategory): boolean =>
  report.findings.some((f) => f.category === category)
