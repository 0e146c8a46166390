import type { Finding, PolicyVerdict } from "@pyexec/core"

/** One file as `pyexec analyze` saw it: its path as named or found, its text, what the rules found, and the policy's decision. */
export interface FileAnalysis {
  /** The path as the person named it, or as found under a folder they named. */
  readonly file: string
  /** The text that was analysed; empty when the file could not be read (see `unreadableFile`). */
  readonly source: string
  readonly report: Finding.AnalysisReport
  readonly decision: PolicyVerdict.PolicyDecision
}

/** True when the policy lets every file run without a person: the exit status of `pyexec analyze`. */
export const allMayExecute = (files: ReadonlyArray<FileAnalysis>): boolean => files.every((f) => f.decision === "execute")
