import { h } from "./dom.js"
import { finalStatuses, statusBadge } from "./status.js"
import { ageElement, timeElement } from "./time.js"

/** Who approved or rejected which attempt, when, and why. */
export const decisionHistory = (view) => {
  const decided = view.attempts.flatMap(({ number, approvals, approval }) => [...(approvals ?? []), ...(approval ? [approval] : [])].map((decision) => ({ number, approval: decision })))
  return h(
    "section",
    { class: "card", "aria-label": "Decisions" },
    h("h2", {}, "Decisions"),
    decided.length === 0
      ? h("p", { class: "muted" }, finalStatuses.has(view.status) ? "No one decided on this run." : "No decision yet.")
      : h(
          "ul",
          { class: "decisions" },
          decided.map(({ number, approval }) =>
            h(
              "li",
              { class: `decision-entry ${approval.verdict}` },
              h("div", {}, h("span", { class: `verdict ${approval.verdict}` }, approval.revise ? "sent back" : approval.verdict), " by ", h("strong", {}, approval.decidedBy), " · attempt ", number),
              h("div", { class: "meta-line" }, timeElement(approval.decidedAt), " · ", ageElement(approval.decidedAt)),
              approval.comment ? h("blockquote", { class: "why" }, approval.comment) : null
            )
          )
        )
  )
}

/** The run's path through its statuses. */
export const transitions = (view) =>
  h(
    "section",
    { class: "card", "aria-label": "Status history" },
    h("h2", {}, "Status history"),
    h(
      "ol",
      { class: "timeline" },
      view.history.map((t) =>
        h(
          "li",
          {},
          statusBadge(t.toStatus),
          timeElement(t.at),
          t.event ? h("span", { class: "event" }, t.event) : null
        )
      )
    )
  )

/** The facts of an entry, without empty values and the store's version counter. */
const detailText = (detail) =>
  Object.entries(detail ?? {})
    .filter(([key, value]) => key !== "version" && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ")

const auditRow = (entry) => {
  const detail = detailText(entry.detail)
  return h(
    "tr",
    { class: `audit-${entry.action}` },
    h("td", { class: "when" }, timeElement(entry.at)),
    h("td", { class: "actor" }, entry.actor),
    h("td", { class: "action-cell" }, h("span", { class: `action ${entry.action}` }, entry.action)),
    h("td", { class: "what" }, entry.message, detail ? h("div", { class: "detail" }, detail) : null)
  )
}

/** Every audit entry: who did what, when, and the message that says why. */
export const auditLog = (view) =>
  h(
    "section",
    { class: "card audit", "aria-label": "Audit log" },
    h("h2", {}, "Audit log"),
    view.audit.length === 0
      ? h("p", { class: "muted" }, "Nothing recorded yet.")
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "grid audit-log" },
            h("thead", {}, h("tr", {}, h("th", {}, "when"), h("th", {}, "who"), h("th", {}, "action"), h("th", {}, "what and why"))),
            h(
              "tbody",
              {},
              view.audit.map(auditRow)
            )
          )
        )
  )
