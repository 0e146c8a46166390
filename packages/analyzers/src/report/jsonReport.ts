import { Finding, PolicyVerdict } from "@pyexec/core"
import { Schema } from "effect"
import type { FileAnalysis } from "./FileAnalysis.js"

/** What `pyexec analyze --format json` prints: per file, the policy's decision and the findings. */
export const JsonReport = Schema.Struct({
  files: Schema.Array(
    Schema.Struct({
      file: Schema.String,
      decision: PolicyVerdict.PolicyDecision,
      findings: Schema.Array(Finding.Finding.pipe(Schema.pick("rule", "category", "severity", "line", "column", "message")))
    })
  )
})
export type JsonReport = typeof JsonReport.Type

/** For scripts: `{"files": [{"file", "decision", "findings": [{"rule", "category", "severity", "line", "column", "message"}]}]}`. */
export const jsonReport = (files: ReadonlyArray<FileAnalysis>): JsonReport => ({
  files: files.map(({ file, decision, report }) => ({
    file,
    decision,
    findings: report.findings.map(({ rule, category, severity, line, column, message }) => ({ rule, category, severity, line, column, message }))
  }))
})
