import { h } from "./dom.js"

const shown = (value) => (value === undefined ? "?" : typeof value === "string" ? value : JSON.stringify(value))

/** The states in which a write counts as made (the rest fail the run: core's WriteLedger.holds). */
const holding = new Set(["sent", "completed", "verified"])

const readbackText = (readback) =>
  readback ? `${readback.channel} = ${shown(readback.value)} (±${readback.tolerance})${readback.alarm ? ` ${readback.alarm.severity}` : ""}` : ""

const table = (writes) =>
  h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "grid" },
      h("thead", {}, h("tr", {}, ["channel", "before", "written", "state", "readback", "detail"].map((c) => h("th", {}, c)))),
      h(
        "tbody",
        {},
        writes.map((w) =>
          h(
            "tr",
            { dataset: { state: w.state, channel: w.channel } },
            h("td", {}, h("code", {}, w.channel)),
            h("td", {}, shown(w.before)),
            h("td", {}, shown(w.value)),
            h("td", {}, h("span", { class: `write-state ${holding.has(w.state) || w.state === "planned" ? "held" : "not-held"}` }, w.state)),
            h("td", {}, readbackText(w.readback)),
            h("td", {}, w.detail ?? "")
          )
        )
      )
    )
  )

/** While a write run waits: what its preview says it will write, the plan the approval names (or why there is none). */
export const planCard = (view) => {
  const preview = view.status === "awaiting_approval" ? view.attempts.at(-1)?.preview : undefined
  if (!preview) return null
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
    preview.writes.length ? table(preview.writes) : null
  )
}

/** The write ledger of the newest attempt that has one: channel, before, written, state, readback. */
export const writesCard = (view) => {
  const attempt = [...view.attempts].reverse().find((a) => a.result?.writes?.length)
  if (!attempt) return null
  const writes = attempt.result.writes
  const failed = writes.filter((w) => !holding.has(w.state)).length
  return h(
    "section",
    { class: "card writes", "aria-label": "Writes" },
    h("div", { class: "card-head" }, h("h2", {}, `Writes · attempt ${attempt.number}`), h("span", { class: failed ? "write-failed" : "muted" }, failed ? `${failed} of ${writes.length} did not hold` : `${writes.length} made`)),
    table(writes)
  )
}
