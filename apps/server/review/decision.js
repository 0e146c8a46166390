import { postJson, runPath } from "./api.js"
import { openDialog } from "./dialog.js"
import { h } from "./dom.js"
import { endedStatuses } from "./status.js"
import { ageElement, untilElement } from "./time.js"

const profileLine = (view) =>
  view.profile === "write"
    ? h("p", { class: "notice write" }, h("strong", {}, "Write profile. "), "Once approved, this code may change the machine (EPICS writes).")
    : h("p", { class: "muted" }, `Runs with the ${view.profile ?? "read-only"} profile on the ${view.executor} executor.`)

const hashLine = (sha) => h("p", { class: "hash-line" }, "SHA-256 ", h("code", { class: "sha" }, sha))

/** Sends a decision; a refusal is reported to the page (kept in the dialog when the input was wrong). */
const decide = async (view, action, body, { onDecided, onRefused }) => {
  try {
    await postJson(`${runPath(view.id)}/${action}`, body)
    onDecided()
  } catch (error) {
    if (error.status === 400) throw Object.assign(error, { keepOpen: true })
    onRefused({ title: action === "approve" ? "Approval refused" : "Rejection refused", message: error.message, reason: error.reason })
  }
}

const approveDialog = (view, codeSha256, hooks) =>
  openDialog({
    title: "Approve and run this code?",
    body: [
      profileLine(view),
      hashLine(codeSha256),
      (view.attempts.at(-1)?.standing ?? []).reduce((n, s) => n + s.missing, 0) > 1
        ? h("p", { class: "muted" }, "More than one approval is still needed: yours is counted, and the code runs when none is missing.")
        : null,
      h("label", {}, "Comment (optional)", h("textarea", { name: "comment", rows: 2, placeholder: "e.g. checked the setpoint against the logbook" }))
    ],
    submitLabel: "Approve and run",
    submitClass: "approve",
    onSubmit: (form) => {
      const comment = String(form.get("comment") ?? "").trim()
      return decide(view, "approve", { codeSha256, ...(comment ? { comment } : {}) }, hooks)
    }
  })

/** A run whose code the model wrote can go back to it with the reason, for a new attempt. */
const revisable = (view) => view.request.code === undefined

const rejectDialog = (view, hooks) =>
  openDialog({
    title: "Reject this run?",
    body: [
      h("p", { class: "muted" }, "The code will not run. The requester sees your reason."),
      h("label", {}, "Reason", h("textarea", { name: "reason", rows: 3, required: true, placeholder: "Why must this code not run?" })),
      revisable(view)
        ? h(
            "label",
            { class: "revise" },
            h("input", { type: "checkbox", name: "revise" }),
            " Send it back to the model with this reason for a new attempt (else the run ends as rejected)"
          )
        : null
    ],
    submitLabel: "Reject",
    submitClass: "reject",
    onSubmit: (form) => decide(view, "reject", { reason: String(form.get("reason") ?? "").trim(), ...(form.get("revise") ? { revise: true } : {}) }, hooks)
  })

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`

/** What the approval needs (one approval, and what the routes ask for the channels it plans), and who gave it. */
const standingList = (standing) =>
  h(
    "ul",
    { class: "standing", "aria-label": "Approvals needed" },
    standing.map((s) =>
      h(
        "li",
        { class: s.missing === 0 ? "met" : "missing" },
        h("span", { class: "mark", "aria-hidden": "true" }, s.missing === 0 ? "✓" : "…"),
        h("span", {}, plural(s.approvals, "approval"), s.group ? [" from group ", h("strong", {}, s.group)] : null),
        h("span", { class: "because" }, ` · ${s.because}`),
        s.by.length > 0 ? h("div", { class: "meta-line" }, "approved by ", s.by.join(", ")) : null,
        s.missing > 0 ? h("div", { class: "still" }, `still needs ${plural(s.missing, "approval")}${s.group ? ` from group ${s.group}` : ""}`) : null
      )
    )
  )

const whyNot = (view, me) => {
  if (!me.roles.includes("approver") && !me.roles.includes("admin")) return "Deciding needs the approver role."
  if (me.name === view.requester) return "This is your own request: another approver decides."
  return "You may not decide on this run."
}

/**
 * What a reviewer acts on while the run waits: since when, until when, the profile, the code's hash, and Approve
 * and Reject for those who may decide. Approve names the hash shown here, so a stale page cannot approve new code.
 */
export const decisionPanel = (view, me, { notice, onDecided, onRefused }) => {
  const hooks = { onDecided, onRefused }
  const waiting = view.status === "awaiting_approval"
  const codeSha256 = view.codeSha256
  if (!waiting && !notice) return null
  return h(
    "section",
    { class: `card decision${waiting ? " waiting" : ""}`, "aria-label": "Decision" },
    h("h2", {}, waiting ? "Waiting for a decision" : "Decision"),
    notice
      ? h("div", { class: "notice error", role: "alert" }, h("strong", {}, `${notice.title}: `), notice.message, notice.reason ? h("span", { class: "reason" }, ` (${notice.reason})`) : null)
      : null,
    waiting
      ? [
          h("p", { class: "meta-line" }, "Waiting since ", ageElement(view.awaitingApprovalSince ?? view.updatedAt), view.expiresAt ? [" · expires ", untilElement(view.expiresAt)] : null),
          profileLine(view),
          view.attempts.at(-1)?.standing ? standingList(view.attempts.at(-1).standing) : null,
          view.youMayDecide
            ? [
                h(
                  "div",
                  { class: "decision-actions" },
                  h("button", { type: "button", class: "approve", "aria-keyshortcuts": "a", onclick: () => approveDialog(view, codeSha256, hooks) }, "Approve"),
                  h("button", { type: "button", class: "reject", "aria-keyshortcuts": "r", onclick: () => rejectDialog(view, hooks) }, "Reject")
                ),
                h("p", { class: "muted keys" }, "Keys: ", h("kbd", {}, "a"), " approve, ", h("kbd", {}, "r"), " reject; each asks first (", h("kbd", {}, "Enter"), " confirms, ", h("kbd", {}, "Esc"), " cancels).")
              ]
            : h("p", { class: "muted not-yours" }, whyNot(view, me))
        ]
      : null
  )
}

/** Where a key is text being typed, not a command. */
const typing = (target) => target instanceof Element && target.closest("input, textarea, select, [contenteditable]") !== null

/**
 * `a` opens the approve dialog and `r` the reject dialog of the run the page shows, when it waits and the reader
 * may decide. A key only opens the dialog, which asks first (Enter confirms, Escape cancels); never while a dialog
 * is open, while typing, or with a modifier held.
 */
export const decisionShortcuts = (currentView, hooks) => (event) => {
  const view = currentView()
  if (view?.status !== "awaiting_approval" || !view.youMayDecide) return
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target) || document.querySelector("dialog[open]")) return
  if (event.key === "a") approveDialog(view, view.codeSha256, hooks)
  else if (event.key === "r") rejectDialog(view, hooks)
  else return
  event.preventDefault()
}

/** Cancel…, for the requester and approvers while the run has not ended: a running run's code is stopped. */
export const cancelButton = (view, me, { onDecided, onRefused }) => {
  const mayCancel = me.name === view.requester || me.roles.includes("approver") || me.roles.includes("admin")
  if (endedStatuses.has(view.status) || !mayCancel) return null
  const confirm = () =>
    openDialog({
      title: "Cancel this run?",
      body: [h("p", { class: "muted" }, view.status === "executing" ? "Its code is running: it will be stopped. What it wrote so far stays written." : "It will not go on: nothing more of it runs.")],
      submitLabel: "Cancel the run",
      submitClass: "reject",
      onSubmit: async () => {
        try {
          await postJson(`${runPath(view.id)}/cancel`, {})
          onDecided()
        } catch (error) {
          onRefused({ title: "Cancel refused", message: error.message, reason: error.reason })
        }
      }
    })
  return h("button", { type: "button", class: "cancel-run", onclick: confirm }, "Cancel run…")
}
