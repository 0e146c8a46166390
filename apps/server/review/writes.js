import { h } from "./dom.js"

const shown = (value) => (value === undefined ? "?" : typeof value === "string" ? value : JSON.stringify(value))

/** The states in which a write counts as made (the rest fail the run: core's WriteLedger.holds). */
const holding = new Set(["sent", "completed", "verified"])

const readbackText = (readback) =>
  readback ? `${readback.channel} = ${shown(readback.value)} (±${readback.tolerance})${readback.alarm ? ` ${readback.alarm.severity}` : ""}` : ""

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
              h("td", {}, h("span", { class: `write-state ${holding.has(w.state) ? "held" : "not-held"}` }, w.state)),
              h("td", {}, readbackText(w.readback)),
              h("td", {}, w.detail ?? "")
            )
          )
        )
      )
    )
  )
}
