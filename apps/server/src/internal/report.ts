import { ApprovalRoutes, Attempt, ExecutionResult, Run as RunModule, WriteLedger } from "@pyexec/core"

type Run = RunModule.Run

/** The one JSON object `--json` prints. */
export const toJson = (run: Run) => {
  const last = RunModule.currentAttempt(run)
  const result = last?.result
  return {
    runId: run.id,
    status: run.status,
    attempts: run.attempts.length,
    result: result
      ? {
          exitCode: result.exitCode,
          stdout: result.stdout,
          stderr: result.stderr,
          results: result.results,
          figures: result.figures,
          durationMs: Math.round(result.durationMs),
          error: result.error,
          writes: result.writes ?? []
        }
      : null,
    notebook: run.notebookPath ?? last?.notebookPath ?? null,
    findings: last?.analysis?.findings ?? [],
    codeSha256: last?.codeSha256 ?? null,
    preview: last?.preview ?? null,
    outcome: run.outcome ?? null,
    approvalRequest: RunModule.approvalRequest(run) ?? null
  }
}

const indent = (text: string, prefix = "    ") =>
  text
    .split("\n")
    .map((l) => prefix + l)
    .join("\n")

const clip = (text: string, maxLines: number) => {
  const lines = text.replace(/\n$/, "").split("\n")
  return lines.length <= maxLines ? lines.join("\n") : [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`].join("\n")
}

const tail = (text: string, maxLines: number) => text.replace(/\n$/, "").split("\n").slice(-maxLines).join("\n")

/** The last lines, as a terminal leaves them in view, with how many came before. */
const clipTail = (text: string, maxLines: number) => {
  const lines = text.replace(/\n$/, "").split("\n")
  return lines.length <= maxLines ? lines.join("\n") : [`... (${lines.length - maxLines} earlier lines)`, ...lines.slice(-maxLines)].join("\n")
}

/** The one line on stderr for a run that ended without success. */
export const failureLine = (run: Run): string => {
  const n = run.attempts.length
  const after = n === 0 ? "" : ` after ${n} attempt${n === 1 ? "" : "s"}`
  return `run ${run.id} ${run.status}${after}: ${run.outcome?.message ?? "no reason recorded"}`
}

/** The write ledger as aligned lines: `channel  before -> written  state  detail`. */
const writeLines = (writes: ReadonlyArray<WriteLedger.WriteRecord>): Array<string> => WriteLedger.lines(writes).map((line) => `    ${line}`)

/** What the preview says the run will write: the plan the approval names, or why there is none. */
const previewLines = (preview: WriteLedger.Preview | undefined): Array<string> =>
  preview === undefined
    ? []
    : preview.error !== undefined
      ? [`  preview failed (${preview.error}): read the code`, ...(preview.writes.length ? writeLines(preview.writes) : [])]
      : [`  planned writes (preview, ${preview.writes.length}):`, ...writeLines(preview.writes)]

/** What an attempt's approval needs where routes ask for more than one approval: who gave it, what is missing. */
const standingLines = (attempt: Attempt.Attempt | undefined): Array<string> =>
  attempt?.routing || attempt?.approvals
    ? [
        "  approvals needed:",
        ...ApprovalRoutes.standingOf(attempt).map((s) => {
          const what = ApprovalRoutes.approvalsText(s.requirement.approvals, s.requirement.group)
          return `    ${s.missing === 0 ? "ok  " : "MISS"} ${what} · ${s.requirement.because}${s.by.length ? ` · approved by ${s.by.join(", ")}` : ""}${s.missing ? ` · still needs ${s.missing}` : ""}`
        })
      ]
    : []

/** What a person at a terminal reads after a run command: on stdout, a few lines, the paths to open. */
export const toText = (run: Run): string => {
  const last = RunModule.currentAttempt(run)
  const out: Array<string> = []
  const attempts = `${run.attempts.length} attempt${run.attempts.length === 1 ? "" : "s"}`
  // code the model wrote is shown once it has run or failed (a waiting run's code is for `pyexec show`)
  if (last?.source === "generated" && run.status !== "awaiting_approval") {
    out.push(`attempt ${last.number}: code written by ${last.model ?? "the model"} (sha256 ${last.codeSha256.slice(0, 12)})`, indent(last.code.trimEnd(), "  | "))
  }
  switch (run.status) {
    case "succeeded": {
      const result = last?.result
      out.push(`run ${run.id} succeeded (${attempts}, ${Math.round(result?.durationMs ?? 0)} ms)`)
      if (result?.stdout) out.push("  output:", indent(clipTail(result.stdout, 15)))
      if (result) out.push("  results:", indent(clip(ExecutionResult.resultEntries(result).map(([key, text]) => `${key}: ${text}`).join("\n"), 30)))
      for (const figure of result?.figures ?? []) out.push(`  figure:   ${figure}`)
      break
    }
    case "awaiting_approval": {
      out.push(`run ${run.id} awaits approval (${Attempt.profileOf(last)} profile)`)
      for (const f of last?.analysis?.findings ?? []) out.push(`  ${f.rule} line ${f.line}:${f.column}  ${f.message}`)
      out.push(...previewLines(last?.preview), ...standingLines(last))
      out.push(`  code sha256: ${last?.codeSha256}`)
      out.push(`  review:  pyexec show ${run.id}`)
      out.push(`  approve: pyexec approve ${run.id}`)
      out.push(`  reject:  pyexec reject ${run.id} --reason "..."`)
      break
    }
    default: {
      const traceback = last?.result?.error?.traceback ?? last?.error?.traceback
      if (traceback) out.push(indent(tail(traceback, 8), "  "))
    }
  }
  // what the run changed (or tried to), whatever the outcome
  if (last?.result?.writes?.length) out.push(`  writes (${last.result.writes.length}):`, ...writeLines(last.result.writes))
  const notebook = run.notebookPath ?? last?.notebookPath
  if (notebook) out.push(`  notebook: ${notebook}`)
  return out.join("\n")
}

/** `pyexec show`: the whole run, the waiting code with line numbers and the findings at their lines. */
export const toDetail = (run: Run): string => {
  const out = [
    `run ${run.id}`,
    `  status:    ${run.status}${run.outcome ? ` — ${run.outcome.message}` : ""}`,
    `  requester: ${run.request.requester}`,
    `  created:   ${run.createdAt}`,
    `  updated:   ${run.updatedAt}`
  ]
  if (run.request.query) out.push(`  request:   ${run.request.query}`)
  for (const a of run.attempts) {
    out.push("", `attempt ${a.number} (${a.source}${a.model ? `, ${a.model}` : ""}) sha256 ${a.codeSha256}`)
    if (a.verdict) out.push(`  policy: ${a.verdict.decision}, profile ${a.verdict.profile}`)
    for (const d of [...(a.approvals ?? []), ...(a.approval ? [a.approval] : [])]) out.push(`  ${d.verdict} by ${d.decidedBy} at ${d.decidedAt}${d.comment ? `: ${d.comment}` : ""}`)
    out.push(...standingLines(a))
    const findings = a.analysis?.findings ?? []
    const width = String(a.code.split("\n").length).length
    a.code.split("\n").forEach((line, i) => {
      out.push(`  ${String(i + 1).padStart(width)} | ${line}`)
      for (const f of findings.filter((f) => f.line === i + 1)) out.push(`  ${" ".repeat(width)} ^ ${f.rule} ${f.message}`)
    })
    out.push(...previewLines(a.preview))
    if (a.result?.writes?.length) out.push(`  writes (${a.result.writes.length}):`, ...writeLines(a.result.writes))
    if (a.error) out.push(`  error (${a.error.kind}): ${a.error.message}`)
    if (a.notebookPath) out.push(`  notebook: ${a.notebookPath}`)
  }
  if (run.notebookPath) out.push("", `notebook: ${run.notebookPath}`)
  return out.join("\n")
}
