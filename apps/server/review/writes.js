import { postJson, runPath } from "./api.js"
import { h } from "./dom.js"

const shown = (value) => (value === undefined ? "?" : typeof value === "string" ? value : JSON.stringify(value))

/** The states in which a write counts as made (the rest fail the run: core's WriteLedger.holds). */
const holding = new Set(["sent", "completed", "verified"])

const readbackText = (readback) =>
  readback ? `${readback.channel} = ${shown(readback.value)} (±${readback.tolerance})${readback.alarm ? ` ${readback.alarm.severity}` : ""}` : ""

const number = (value) => {
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value
  return typeof one === "number" ? one : undefined
}

/** The change a planned write makes from the value before it, when both are one number (core's WriteLedger.change). */
const changeText = (w) => {
  const [before, after] = [number(w.before), number(w.value)]
  if (before === undefined || after === undefined) return ""
  const delta = Number((after - before).toPrecision(12))
  return delta >= 0 ? `+${delta}` : `${delta}`
}

const limitsCell = (limits) =>
  limits ? h("span", { class: `limits ${limits.within ? "inside" : "outside"}` }, limits.rule, limits.within ? " · inside" : " · OUTSIDE") : "no channel limits"

/** A ledger's columns, or a plan's (with the change and the channel's limits instead of the readback). */
const columns = {
  ledger: [
    ["channel", (w) => h("code", {}, w.channel)],
    ["before", (w) => shown(w.before)],
    ["written", (w) => shown(w.value)],
    ["state", (w) => h("span", { class: `write-state ${holding.has(w.state) || w.state === "planned" ? "held" : "not-held"}` }, w.state)],
    ["readback", (w) => readbackText(w.readback)],
    ["detail", (w) => w.detail ?? ""]
  ],
  plan: [
    ["channel", (w) => h("code", {}, w.channel)],
    ["before", (w) => shown(w.before)],
    ["planned", (w) => shown(w.value)],
    ["change", changeText],
    ["limits", (w) => limitsCell(w.limits)],
    ["state", (w) => h("span", { class: `write-state ${w.state === "planned" && w.limits?.within !== false ? "held" : "not-held"}` }, w.state)],
    ["detail", (w) => w.detail ?? ""]
  ]
}

const table = (writes, kind = "ledger") =>
  h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "grid" },
      h("thead", {}, h("tr", {}, columns[kind].map(([name]) => h("th", {}, name)))),
      h(
        "tbody",
        {},
        writes.map((w) =>
          h(
            "tr",
            { dataset: { state: w.state, channel: w.channel, ...(w.limits ? { limits: w.limits.within ? "inside" : "outside" } : {}) } },
            columns[kind].map(([, cell]) => h("td", {}, cell(w)))
          )
        )
      )
    )
  )

/** While a write run waits: what its preview says it will write, the plan the approval names (or why there is none). */
export const planCard = (view) => {
  const preview = view.status === "awaiting_approval" ? view.attempts.at(-1)?.preview : undefined
  if (!preview) return null
  const outside = preview.writes.filter((w) => w.limits?.within === false)
  return h(
    "section",
    { class: "card plan", "aria-label": "Planned writes" },
    h(
      "div",
      { class: "card-head" },
      h("h2", {}, "Planned writes · preview"),
      h("span", { class: preview.error ? "write-failed" : "muted" }, preview.error ? `the preview failed: ${preview.error}` : `${preview.writes.length} writes, nothing sent`)
    ),
    h("p", { class: "muted" }, "The code ran once on the read-only path: reads are real, writes were recorded and not sent. Approved, the run may make only these writes."),
    outside.length
      ? h("p", { class: "notice error" }, `${outside.length} planned write${outside.length === 1 ? " is" : "s are"} outside the channel limits: approved, the run would be refused at ${outside[0].channel}.`)
      : null,
    preview.writes.length ? table(preview.writes, "plan") : null
  )
}

/** Restore…: a new write run that puts back what this one changed, then its page (where it waits for approval). */
const restoreButton = (view, me) => {
  if (!view.restorable || !(me.roles.includes("requester") || me.roles.includes("admin"))) return null
  const problem = h("span", { class: "write-failed", role: "alert", hidden: true })
  const button = h(
    "button",
    {
      type: "button",
      class: "restore",
      onclick: async () => {
        button.disabled = true
        try {
          const { runId } = await postJson(`${runPath(view.id)}/restore`, {})
          history.pushState(null, "", `/runs/${encodeURIComponent(runId)}`)
          window.dispatchEvent(new PopStateEvent("popstate"))
        } catch (error) {
          problem.textContent = error.message
          problem.hidden = false
          button.disabled = false
        }
      }
    },
    "Restore…"
  )
  return h("div", { class: "restore-row" }, button, " puts every channel back to its value before this run (a new run, with its own preview and approval) ", problem)
}

/** The write ledger of the newest attempt that has one: channel, before, written, state, readback. */
export const writesCard = (view, me) => {
  const attempt = [...view.attempts].reverse().find((a) => a.result?.writes?.length)
  if (!attempt) return null
  const writes = attempt.result.writes
  const failed = writes.filter((w) => !holding.has(w.state)).length
  return h(
    "section",
    { class: "card writes", "aria-label": "Writes" },
    h("div", { class: "card-head" }, h("h2", {}, `Writes · attempt ${attempt.number}`), h("span", { class: failed ? "write-failed" : "muted" }, failed ? `${failed} of ${writes.length} did not hold` : `${writes.length} made`)),
    table(writes),
    restoreButton(view, me)
  )
}
