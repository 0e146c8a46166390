import { Ids, RunStatus } from "@pyexec/core"
import { Schema } from "effect"
import { Approve, Decided, Me, Reject, RunAccepted, RunPage, RunView, Statuses, SubmitRun } from "./ApiSchemas.js"
import { urls } from "./RunView.js"

/**
 * The examples in /openapi.json, one story: Alice asks to nudge a magnet's current, the code waits for an
 * approval, Bob approves it. Each is written as its schema's type and encoded by it, so it is what the wire carries.
 */
const encoded = <A, I>(schema: Schema.Schema<A, I>, value: NoInfer<A>): I => Schema.encodeSync(schema)(value)

const runId = Ids.RunId.make("3f2b9c1e-8a47-4d2e-9b6f-0c5d7e1a2b34")
const code = 'from epics import caget, caput\n\ncurrent = caget("SR:Q01:CURRENT_RB")\ncaput("SR:Q01:CURRENT_SP", current + 0.5)\nresults = {"before": current}\n'
const codeSha256 = Ids.CodeSha256.make("49250396c952a6f4ca654c143607b00537bb2126dc384fbfec0a206b75ccbced")
const write = '`caput("SR:Q01:CURRENT_SP", current + 0.5)` calls epics.caput, which writes to an EPICS process variable'
const at = (seconds: number) => new Date(Date.UTC(2025, 2, 14, 9, 30, seconds)).toISOString()

export const submitRequests = {
  code: { summary: "Code to run as given", value: encoded(SubmitRun, { code, timeoutSeconds: 60 }) },
  query: {
    summary: "A request in words: the model writes the code",
    value: encoded(SubmitRun, { query: "Plot the beam current of the last hour and give its mean", expectedResults: { mean: "mean current in mA" } })
  }
}

export const approveRequests = {
  approve: { summary: "Approve the code that waits", value: encoded(Approve, { codeSha256, comment: "checked the set point against the log book" }) }
}

export const rejectRequests = {
  reject: { summary: "Reject, ending the run", value: encoded(Reject, { reason: "Q01 is at its limit this shift" }) },
  revise: { summary: "Reject, asking the model for new code", value: encoded(Reject, { reason: "read the set point first, then write", revise: true }) }
}

export const accepted = encoded(RunAccepted, { runId, status: "queued" })

/** The answer to a decision: the run's status after it. */
export const decided = (status: RunStatus.RunStatus) => encoded(Decided, { runId, status })

export const runPage = encoded(RunPage, {
  runs: [{ id: runId, status: "awaiting_approval", requester: "alice", title: "nudge Q01 current", attempts: 1, createdAt: at(0), updatedAt: at(2) }],
  total: 1,
  limit: 50,
  offset: 0
})

export const runView = encoded(RunView, {
  id: runId,
  status: "awaiting_approval",
  requester: "alice",
  title: "nudge Q01 current",
  request: { code, timeoutSeconds: 60, requester: "alice" },
  createdAt: at(0),
  updatedAt: at(2),
  version: 4,
  executor: "container",
  profile: "write",
  codeSha256,
  awaitingApprovalSince: at(2),
  attempts: [
    {
      number: 1,
      source: "request",
      code,
      codeSha256,
      createdAt: at(0),
      verdict: { decision: "needs-approval", profile: "write", reasons: [`EPICS001 line 4: ${write}`] },
      standing: [{ because: "every run", approvals: 1, by: [], missing: 1 }],
      findings: [
        { rule: "EPICS101", name: "pv-read", category: "epics-read", severity: "info", line: 3, column: 11, endLine: 3, endColumn: 37, message: "reads from EPICS (epics.caget)" },
        { rule: "EPICS001", name: "pv-write", category: "epics-write", severity: "error", line: 4, column: 1, endLine: 4, endColumn: 42, message: write }
      ],
      analysis: { parsed: true, durationMs: 14 },
      notebook: urls.notebook(runId, 1)
    }
  ],
  history: [
    { seq: 1, fromStatus: null, toStatus: "queued", event: "created", at: at(0) },
    { seq: 2, fromStatus: "queued", toStatus: "analyzing", event: "code given", at: at(1) },
    { seq: 3, fromStatus: "analyzing", toStatus: "awaiting_approval", event: "needs approval", at: at(2) }
  ],
  audit: [{ id: 1, at: at(2), actor: "pyexec", action: "transition", message: "analyzing → awaiting_approval: needs approval" }],
  youMayDecide: true,
  restorable: false
})

export const me = encoded(Me, { name: "alice", roles: ["requester"] })

export const statuses = encoded(Statuses, { statuses: RunStatus.RunStatus.literals, groups: RunStatus.groups })
