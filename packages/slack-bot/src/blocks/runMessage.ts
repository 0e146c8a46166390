import { ApprovalRoutes, Attempt, type Finding, type Ids, Restore, Run, RunOutput, RunStatus, type WriteLedger } from "@pyexec/core"
import type { types } from "@slack/bolt"
import { escapeText, fallback, link, person, preformatted, shortId, truncate, when } from "./format.js"
import { encodeDecision, ids } from "./ids.js"
import { limits } from "./limits.js"
import type { RunLinks } from "./links.js"
import { statusLabel } from "./status.js"
import { writesTable } from "./results.js"

type Block = types.KnownBlock

/** A message's fallback text and its blocks. */
export interface MessageContent {
  readonly text: string
  readonly blocks: ReadonlyArray<types.KnownBlock>
}

export interface CardContext {
  /** The executor the code runs on (the request's, else the configured one). */
  readonly executor: string
  readonly links: RunLinks
  /** When a waiting run expires, if expiry is configured. */
  readonly expiresAt?: string | undefined
  /** Approve and Reject while the run waits, Restore… once a write run ended; false for a status reply. */
  readonly buttons: boolean
  /** While the code runs (or its preview, or the model writes it): the newest of what it wrote so far, shown as its tail. */
  readonly liveOutput?: LiveOutput | undefined
}

/** Findings shown as lines; beyond this the card points to the review page. */
const maxFindingSections = 8

const section = (text: string): types.SectionBlock => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, limits.sectionText) } })
const context = (text: string): types.ContextBlock => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, limits.sectionText) }] })

/** What was asked, in the asker's words, or that the code was given. */
export const requestLine = (request: Run.Run["request"]): string =>
  request.query !== undefined ? `> ${escapeText(truncate(request.query, 2000)).replaceAll("\n", "\n> ")}` : "_runs the code given with `/pyexec exec`_"

const findingLine = (f: Finding.Finding) => `• \`${f.rule}\` ${escapeText(f.name)} · line ${f.line}: ${escapeText(f.message)}`

/** Findings as sections within Slack's limits; what does not fit is counted and left to the review page. */
export const findingBlocks = (findings: ReadonlyArray<Finding.Finding>, links: RunLinks): ReadonlyArray<Block> => {
  if (findings.length === 0) return [context("No findings.")]
  const sections: Array<string> = []
  let current = `*Findings (${findings.length})*`
  let shown = 0
  for (const f of findings) {
    const line = truncate(findingLine(f), 600)
    if (current.length + 1 + line.length > limits.sectionText - 100) {
      if (sections.length + 1 >= maxFindingSections) break
      sections.push(current)
      current = line
    } else {
      current = `${current}\n${line}`
    }
    shown += 1
  }
  sections.push(current)
  const blocks: Array<Block> = sections.map(section)
  if (shown < findings.length) {
    blocks.push(context(`…and ${findings.length - shown} more findings: ${link(links.review, "see them all on the review page")}`))
  }
  return blocks
}

/** The code, cut to fit a section, with links to where it can be read whole. */
export const codeBlocks = (code: string, codeSha256: string, links: RunLinks): ReadonlyArray<Block> => {
  const shown = preformatted(code, limits.sectionText)
  const lines = code.split("\n").length
  const note = shown.cut
    ? `Code cut to fit Slack (${lines} lines in all): read it whole on the ${link(links.review, "review page")} or in the ${link(links.notebook, "notebook")}. SHA-256 \`${codeSha256.slice(0, 16)}…\``
    : `${lines} line${lines === 1 ? "" : "s"} · SHA-256 \`${codeSha256.slice(0, 16)}…\``
  return [section(shown.text), context(note)]
}

const decisionLine = (approval: NonNullable<Run.Run["attempts"][number]["approval"]>): string =>
  approval.verdict === "approved"
    ? `:white_check_mark: *Approved* by ${person(approval.decidedBy)} ${when(approval.decidedAt)}${approval.comment ? `: ${escapeText(approval.comment)}` : ""}`
    : `:no_entry: *${approval.revise ? "Sent back to the model" : "Rejected"}* by ${person(approval.decidedBy)} ${when(approval.decidedAt)}${approval.comment ? `\n*Reason:* ${escapeText(truncate(approval.comment, 2000))}` : ""}`

/** What a waiting run's approval needs (routes by channel and category), who has given it, and what is missing. */
const standingText = (attempt: Attempt.Attempt): string => {
  const lines = ApprovalRoutes.standingOf(attempt).map((s) => {
    const what = ApprovalRoutes.approvalsText(s.requirement.approvals, s.requirement.group && `*${escapeText(s.requirement.group)}*`)
    const by = s.by.length > 0 ? ` · approved by ${s.by.map(person).join(", ")}` : ""
    const still = s.missing > 0 ? ` · *still needs ${s.missing}*` : ""
    return `${s.missing === 0 ? ":white_check_mark:" : ":hourglass_flowing_sand:"} ${what} · ${escapeText(s.requirement.because)}${by}${still}`
  })
  return `*Approvals needed*\n${lines.join("\n")}`
}

const profileLine = (profile: string, executor: string) =>
  profile === "write"
    ? `*Profile:* :warning: *write*: the code may change the machine · *Executor:* \`${escapeText(executor)}\``
    : `*Profile:* read-only: EPICS writes are refused at run time · *Executor:* \`${escapeText(executor)}\``

const buttons = (runId: Ids.RunId, codeSha256: Ids.CodeSha256, links: RunLinks): types.ActionsBlock => {
  const value = encodeDecision({ runId, codeSha256 })
  return {
    type: "actions",
    block_id: ids.decisionBlock,
    elements: [
      { type: "button", action_id: ids.approve, style: "primary", text: { type: "plain_text", text: "Approve" }, value },
      { type: "button", action_id: ids.reject, style: "danger", text: { type: "plain_text", text: "Reject…" }, value },
      { type: "button", action_id: ids.review, text: { type: "plain_text", text: "Review page" }, url: links.review },
      cancelElement(runId, codeSha256)
    ]
  }
}

/** Cancel, for the requester or an approver, while the run has not ended (a running run's code is stopped). */
const cancelElement = (runId: Ids.RunId, codeSha256: Ids.CodeSha256): types.Button => ({
  type: "button",
  action_id: ids.cancel,
  text: { type: "plain_text", text: "Cancel run" },
  value: encodeDecision({ runId, codeSha256 }),
  confirm: {
    title: { type: "plain_text", text: "Cancel this run?" },
    text: { type: "mrkdwn", text: "Nothing more of it runs; if its code is running, it is stopped." },
    confirm: { type: "plain_text", text: "Cancel the run" },
    deny: { type: "plain_text", text: "Keep it" }
  }
})

/** What the code of the run, or of its preview, wrote so far; or the model's reply so far, while it writes the code. */
export interface LiveOutput {
  readonly phase: RunOutput.Phase
  readonly text: string
}

const liveTitles: Record<RunOutput.Phase, string> = {
  generation: "*The model is still writing* · its reply so far",
  preview: "*Preview output so far*",
  run: "*Output so far*"
}

/** The end of what the code (the model) wrote so far, in a preformatted section: the newest lines that fit, after a line saying more came before. */
export const liveOutputBlock = ({ phase, text: output }: LiveOutput): Block => {
  const title = liveTitles[phase]
  let room = limits.sectionText - title.length - 20
  for (;;) {
    const cut = output.length > room
    const tail = cut ? output.slice(-room).replace(/^[^\n]*\n/, "") : output
    const shown = preformatted(`${cut ? "…\n" : ""}${tail.replace(/\n$/, "")}`, limits.sectionText - title.length - 2)
    // escaping may lengthen it: then take less, rather than lose its end
    if (!shown.cut) return section(`${title}\n${shown.text}`)
    room = Math.max(1, Math.floor(room * 0.8))
  }
}

/** Restore… on the card of a write run that ended: a new run that puts back what it changed (with its own approval). */
const restoreButton = (runId: Ids.RunId, codeSha256: Ids.CodeSha256): types.ActionsBlock => ({
  type: "actions",
  block_id: ids.restoreBlock,
  elements: [{ type: "button", action_id: ids.restore, text: { type: "plain_text", text: "Restore…" }, value: encodeDecision({ runId, codeSha256 }) }]
})

/** A write run's preview on its card: the writes approving it allows, or why there is no plan. */
const planText = (preview: WriteLedger.Preview): string => {
  if (preview.error !== undefined) return `:warning: *The preview failed:* ${escapeText(truncate(preview.error, 500))}. Read the code: approved, it runs without a plan.`
  const outside = preview.writes.filter((w) => w.limits?.within === false).length
  const warning = outside > 0 ? `:warning: *${outside} outside the channel limits*: approved, the run would be refused there.\n` : ""
  return `*Planned writes* (preview: nothing sent; approved, the run may make only these)\n${warning}${preformatted(writesTable(preview.writes), limits.sectionText - 200).text}`
}

/**
 * The run's message in the channel: its status, what was asked and by whom, and, once there is code, the
 * code, its findings and the profile it runs with. While the run waits for approval it is the approval card
 * with Approve and Reject; after a decision it names who decided and when, without buttons.
 */
export const runMessage = (run: Run.Run, ctx: CardContext): MessageContent => {
  const attempt = Run.currentAttempt(run)
  const waiting = run.status === "awaiting_approval" && attempt !== undefined
  const blocks: Array<Block> = [
    section(`*${statusLabel[run.status]}* · run ${link(ctx.links.review, shortId(run.id))}`),
    section(`${person(run.request.requester)} asked:\n${requestLine(run.request)}`)
  ]
  if (attempt) {
    const profile = attempt.verdict || waiting ? Attempt.profileOf(attempt) : undefined
    blocks.push(context(`Attempt ${attempt.number}${attempt.model ? ` · model \`${escapeText(attempt.model)}\`` : ""}`))
    if (profile) blocks.push(section(profileLine(profile, ctx.executor)))
    blocks.push(...codeBlocks(attempt.code, attempt.codeSha256, ctx.links))
    if (attempt.analysis) blocks.push(...findingBlocks(attempt.analysis.findings, ctx.links))
    if (waiting && attempt.verdict && attempt.verdict.reasons.length > 0) {
      blocks.push(context(`Needs approval: ${escapeText(attempt.verdict.reasons.join("; "))}`))
    }
    if (waiting && attempt.preview) blocks.push(section(planText(attempt.preview)))
    if (waiting && (attempt.routing || attempt.approvals)) blocks.push(section(standingText(attempt)))
    if (!waiting) for (const decision of [...(attempt.approvals ?? []), ...(attempt.approval ? [attempt.approval] : [])]) blocks.push(section(decisionLine(decision)))
  }
  if (ctx.liveOutput && run.status === RunOutput.statusFor[ctx.liveOutput.phase]) blocks.push(liveOutputBlock(ctx.liveOutput))
  if (waiting && ctx.expiresAt) blocks.push(context(`Expires ${when(ctx.expiresAt)} without a decision.`))
  if (waiting && ctx.buttons) blocks.push(buttons(run.id, attempt.codeSha256, ctx.links))
  if (!waiting && attempt && ctx.buttons && RunStatus.isMoving(run.status)) {
    blocks.push({ type: "actions", block_id: ids.cancelBlock, elements: [cancelElement(run.id, attempt.codeSha256)] })
  }
  if (attempt && ctx.buttons && Restore.restorable(run)) blocks.push(restoreButton(run.id, attempt.codeSha256))
  if (run.outcome && run.status !== "rejected") blocks.push(section(`*${escapeText(run.outcome.reason)}:* ${escapeText(truncate(run.outcome.message, 2500))}`))
  const asked = run.request.query ?? "code"
  return { text: fallback(`${statusLabel[run.status].replace(/^:[a-z_]+: /, "")}: ${asked}`), blocks: blocks.slice(0, limits.blocks) }
}

/** The message posted before the run exists: what was asked and by whom. */
export const pendingMessage = (request: Run.Run["request"]): MessageContent => ({
  text: fallback(`Received: ${request.query ?? "code"}`),
  blocks: [section(`*${statusLabel.queued}*`), section(`${person(request.requester)} asked:\n${requestLine(request)}`)]
})
