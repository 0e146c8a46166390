import { getJson } from "./api.js"
import { h, replace } from "./dom.js"
import { statusBadge, statuses, statusLabel } from "./status.js"
import { ageElement } from "./time.js"

const limit = 50
const pollMs = 4000

const runHref = (id) => `/runs/${encodeURIComponent(id)}`

const row = (run, navigate) =>
  h(
    "tr",
    { class: "run-row", dataset: { runId: run.id, status: run.status }, onclick: (event) => event.target.closest("a") || navigate(runHref(run.id)) },
    h("td", { class: "status" }, statusBadge(run.status)),
    h("td", { class: "title" }, h("a", { href: runHref(run.id) }, run.title)),
    h("td", { class: "requester" }, run.requester),
    h("td", { class: "num attempts", dataset: { label: "attempts" } }, run.attempts),
    h("td", { class: "nowrap created", dataset: { label: "created" } }, ageElement(run.createdAt)),
    h("td", { class: "nowrap updated", dataset: { label: "updated" } }, ageElement(run.updatedAt))
  )

/** The runs, newest first: filter by status, page through them; the list refreshes itself every few seconds. */
export const runList = (root, navigate) => {
  const params = new URLSearchParams(location.search)
  let status = params.get("status") ?? ""
  let offset = Math.max(0, Number(params.get("offset")) || 0)

  const body = h("tbody")
  const count = h("span", { class: "muted count" })
  const message = h("div", { class: "list-message" })
  const previous = h("button", { type: "button", class: "secondary", onclick: () => go(status, Math.max(0, offset - limit)) }, "← Newer")
  const next = h("button", { type: "button", class: "secondary", onclick: () => go(status, offset + limit) }, "Older →")
  const filter = h(
    "select",
    { "aria-label": "Filter by status", onchange: (event) => go(event.target.value, 0) },
    h("option", { value: "" }, "All statuses"),
    statuses.map((s) => h("option", { value: s }, statusLabel(s)))
  )
  filter.value = status

  const load = async () => {
    const query = new URLSearchParams({ limit: String(limit), offset: String(offset), ...(status ? { status } : {}) })
    try {
      const page = await getJson(`/api/runs?${query}`)
      replace(body, page.runs.map((run) => row(run, navigate)))
      replace(message, page.runs.length ? null : h("p", { class: "muted empty" }, status ? `No ${statusLabel(status)} runs.` : "No runs yet."))
      count.textContent = page.total ? `${page.offset + 1}–${page.offset + page.runs.length} of ${page.total}` : ""
      previous.disabled = page.offset === 0
      next.disabled = page.offset + page.runs.length >= page.total
    } catch (error) {
      replace(message, h("p", { class: "notice error", role: "alert" }, `The runs could not be loaded: ${error.message}`))
    }
  }

  const go = (newStatus, newOffset) => {
    status = newStatus
    offset = newOffset
    const query = new URLSearchParams({ ...(status ? { status } : {}), ...(offset ? { offset: String(offset) } : {}) }).toString()
    history.replaceState(history.state, "", query ? `/?${query}` : "/")
    load()
  }

  document.title = "Runs · pyexec"
  replace(
    root,
    h(
      "section",
      { class: "run-list" },
      h("div", { class: "toolbar" }, h("h1", {}, "Runs"), filter, h("span", { class: "spacer" }), count, previous, next),
      h(
        "div",
        { class: "table-wrap card flush" },
        h(
          "table",
          { class: "grid runs" },
          h("thead", {}, h("tr", {}, ["status", "title", "requester", "attempts", "created", "updated"].map((c) => h("th", {}, c)))),
          body
        )
      ),
      message
    )
  )
  load()
  const timer = setInterval(load, pollMs)
  return () => clearInterval(timer)
}
