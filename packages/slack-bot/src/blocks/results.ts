import { ExecutionResult, Run, WriteLedger } from "@pyexec/core"
import type { types } from "@slack/bolt"
import { duration, escapeText, fallback, link, preformatted, truncate } from "./format.js"
import { limits } from "./limits.js"
import type { RunLinks } from "./links.js"
import { statusLabel } from "./status.js"

type Block = types.KnownBlock

const maxRows = 40
const maxCell = 80
const tracebackLines = 15

const section = (text: string): types.SectionBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, limits.sectionText) } })

/** `results` as rows of name and value, aligned (ExecutionResult.resultEntries). */
export const resultsTable = (result: Pick<ExecutionResult.ExecutionResult, "results" | "resultsText">): string => {
  const entries = ExecutionResult.resultEntries(result)
  if (entries.length === 0) return "(empty)"
  const rows = entries.slice(0, maxRows).map(([k, v]) => [truncate(k, 40), truncate(v.replaceAll("\n", " "), maxCell)] as const)
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`)
  if (entries.length > maxRows) lines.push(`… ${entries.length - maxRows} more`)
  return lines.join("\n")
}

/** The write ledger as aligned rows: channel, before -> written, state, and why. */
export const writesTable = (writes: ReadonlyArray<WriteLedger.WriteRecord>): string => {
  const lines = WriteLedger.lines(writes.slice(0, maxRows), (cell) => truncate(cell, maxCell))
  if (writes.length > maxRows) lines.push(`… ${writes.length - maxRows} more`)
  return lines.join("\n")
}

/** The last lines of a traceback: where it failed. */
export const tracebackTail = (traceback: string): string => traceback.trimEnd().split("\n").slice(-tracebackLines).join("\n")

/**
 * The results of a run that ended, for its thread: status, duration, an excerpt of stdout, `results` as a
 * table, the error with the end of its traceback, and links to the review page and the notebook, and to the
 * notebook in JupyterLab when the server has one (RunLinks.jupyter) and the run a notebook. Figures are uploaded
 * as files after it.
 */
export const resultsMessage = (run: Run.Run, links: RunLinks): { readonly text: string; readonly blocks: ReadonlyArray<Block> } => {
  const attempt = Run.currentAttempt(run)
  const result = attempt?.result
  const blocks: Array<Block> = []
  const head = [`*${statusLabel[run.status]}*`]
  if (result) head.push(`in ${duration(result.durationMs)}`)
  if (attempt) head.push(`(attempt ${attempt.number})`)
  blocks.push(section(head.join(" ")))
  if (run.outcome && run.status !== "succeeded") blocks.push(section(escapeText(truncate(run.outcome.message, 2900))))
  if (result?.resultsPresent) blocks.push(section(`*results*\n${preformatted(resultsTable(result), limits.sectionText - 20).text}`))
  if (result?.writes?.length) blocks.push(section(`*writes*\n${preformatted(writesTable(result.writes), limits.sectionText - 20).text}`))
  if (result && result.stdout.trim() !== "") {
    const shown = preformatted(result.stdout, 1500)
    blocks.push(section(`*stdout*${shown.cut || result.stdoutTruncated ? " (excerpt)" : ""}\n${shown.text}`))
  }
  const error = result?.error
  if (error) {
    blocks.push(section(`*${escapeText(error.type)}:* ${escapeText(truncate(error.message, 1000))}${error.line ? ` (line ${error.line})` : ""}`))
    if (error.traceback.trim() !== "") blocks.push(section(`*Traceback* (last lines)\n${preformatted(tracebackTail(error.traceback), 2000).text}`))
  } else if (attempt?.error?.traceback) {
    blocks.push(section(`*Traceback* (last lines)\n${preformatted(tracebackTail(attempt.error.traceback), 2000).text}`))
  }
  const figures = result?.figures.length ?? 0
  // JupyterLab opens the run's notebook, which the server then puts there: only for a run that has one
  const hasNotebook = run.notebookPath !== undefined || run.attempts.some((a) => a.notebookPath !== undefined)
  const jupyter = hasNotebook ? links.jupyter : undefined
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `${link(links.review, "Review page")} · ${link(links.notebook, "Notebook")}${jupyter ? ` · ${link(jupyter, "JupyterLab")}` : ""}${figures > 0 ? ` · ${figures} figure${figures === 1 ? "" : "s"} below` : ""}`
      }
    ]
  })
  const summary = result?.resultsPresent ? resultsTable(result).split("\n").slice(0, 3).join("; ") : (run.outcome?.message ?? "")
  return { text: fallback(`${statusLabel[run.status].replace(/^:[a-z_]+: /, "")}: ${summary}`), blocks: blocks.slice(0, limits.blocks) }
}
