import { type ExecutionRequest, type Finding, Policy, sha256 } from "@pyexec/core"
import { Effect } from "effect"
import * as TreeSitterAnalyzer from "../TreeSitterAnalyzer.js"
import type { FileAnalysis } from "./FileAnalysis.js"
import { findPythonFiles } from "./findPythonFiles.js"
import { defaultMaxBytes, readSource, type SourceText } from "./readSource.js"
import { unreadableFinding } from "./unreadableFile.js"

export interface AnalyzeFilesOptions {
  /** The approval policy that decides each file. */
  readonly mode: ExecutionRequest.PolicyMode
  /** The analysis of one file's text; the built-in rules by default. */
  readonly analyze?: (code: string) => Finding.AnalysisReport
  /** The site's policy settings (the writes kill-switch). */
  readonly policy?: Policy.PolicyOptions
  /** Files larger than this are not analysed but reported (E902). */
  readonly maxBytes?: number
}

/** A file that could not be read gets one E902 finding and so the decision `retry`: it may not run as it is. */
const unreadableReport = (message: string): Finding.AnalysisReport => ({
  codeSha256: sha256(""),
  parsed: false,
  findings: [unreadableFinding(message)],
  durationMs: 0
})

const analyzeOne = (source: SourceText, options: AnalyzeFilesOptions): FileAnalysis => {
  const analyze = options.analyze ?? ((code: string) => TreeSitterAnalyzer.analyze(code))
  const text = "text" in source ? source.text : ""
  const report = "text" in source ? analyze(source.text) : unreadableReport(source.unreadable)
  return { file: source.file, source: text, report, decision: Policy.decide(report, options.mode, options.policy).decision }
}

/** Finds the Python files the paths name, reads, analyses and decides each; one file at a time, in order. */
export const analyzeFiles = (paths: ReadonlyArray<string>, options: AnalyzeFilesOptions) =>
  Effect.flatMap(findPythonFiles(paths), (files) =>
    Effect.forEach(files, (file) => Effect.map(readSource(file, options.maxBytes ?? defaultMaxBytes), (source) => analyzeOne(source, options)))
  )
