import type { Finding } from "@pyexec/core"
import type { FileAnalysis } from "./FileAnalysis.js"

/** Source lines longer than this are shown as a window around the finding. */
const maxShown = 160

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`

/** The part of a long line around `start` (0-based), with `…` where it was cut, and where `start` lands in it. */
const window = (line: string, start: number): { readonly shown: string; readonly at: number } => {
  if (line.length <= maxShown) return { shown: line, at: start }
  const from = Math.max(0, Math.min(start - 40, line.length - maxShown))
  const head = from > 0 ? "…" : ""
  const tail = from + maxShown < line.length ? "…" : ""
  return { shown: head + line.slice(from, from + maxShown) + tail, at: start - from + head.length }
}

/** The finding's line with carets under what it flags (to the end of the line when it spans several). */
const excerpt = (source: string, finding: Finding.Finding): ReadonlyArray<string> => {
  const line = source.split("\n")[finding.line - 1]?.replace(/\r$/, "")
  if (line === undefined || source === "") return []
  const start = Math.min(finding.column - 1, line.length)
  const end = finding.endLine === finding.line ? Math.min(finding.endColumn - 1, line.length) : line.length
  const { shown, at } = window(line, start)
  const gutter = String(finding.line)
  // Keep tabs where the line has them, so the carets stand under the same columns in any terminal.
  const pad = shown.slice(0, at).replace(/[^\t]/g, " ")
  const carets = "^".repeat(Math.max(1, Math.min(end - start, shown.length - at)))
  return [`${gutter} | ${shown}`, `${" ".repeat(gutter.length)} | ${pad}${carets}`]
}

const findingText = (file: FileAnalysis, f: Finding.Finding) =>
  [`${file.file}:${f.line}:${f.column}: ${f.rule} [${f.name}] ${f.message}`, ...excerpt(file.source, f).map((l) => `  ${l}`)].join("\n")

const decisionOrder = ["execute", "needs-approval", "retry", "block"] as const

/** One line: how many files, how many got each decision, how many findings of each severity. */
const summary = (files: ReadonlyArray<FileAnalysis>): string => {
  const decisions = decisionOrder
    .map((d) => [d, files.filter((f) => f.decision === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${n} ${d}`)
  const findings = files.flatMap((f) => f.report.findings)
  const severities = (["error", "warning", "info"] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => (s === "info" ? `${n} info` : plural(n, s)))
  const found = findings.length === 0 ? "no findings" : `${plural(findings.length, "finding")} (${severities.join(", ")})`
  return `${plural(files.length, "file")}: ${decisions.join(", ")}; ${found}`
}

/**
 * For a person at a terminal: each finding as `file:line:col: CODE [name] message` with the source line and
 * carets under the place, then each file that may not run as it is with its decision, then a summary line.
 */
export const textReport = (files: ReadonlyArray<FileAnalysis>): string => {
  const blocks = files.flatMap((file) => file.report.findings.map((f) => findingText(file, f)))
  const held = files.filter((f) => f.decision !== "execute").map((f) => `${f.file}: ${f.decision}`)
  return [...blocks.map((b) => `${b}\n`), ...(held.length > 0 ? [`${held.join("\n")}\n`] : []), summary(files)].join("\n")
}
