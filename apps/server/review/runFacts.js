import { h } from "./dom.js"
import { inline } from "./markdown.js"
import { ageElement, timeElement } from "./time.js"

export const profileBadge = (profile) =>
  profile === "write"
    ? [h("span", { class: "profile write", dataset: { profile } }, "write"), h("span", { class: "write-note" }, " may change the machine")]
    : h("span", { class: "profile read-only", dataset: { profile: profile ?? "read-only" } }, profile ?? "read-only")

const fact = (label, ...value) => [h("dt", {}, label), h("dd", {}, value)]

/** Who asked, where the code runs and with which profile, and what the policy said. */
export const runFacts = (view) => {
  const current = view.attempts.at(-1)
  return h(
    "section",
    { class: "card facts", "aria-label": "Run facts" },
    h("h2", {}, "Run"),
    h(
      "dl",
      {},
      fact("Requester", h("strong", {}, view.requester)),
      fact("Executor", h("code", {}, view.executor)),
      fact("Profile", view.profile ? profileBadge(view.profile) : h("span", { class: "muted" }, "not decided yet")),
      current?.verdict ? fact("Policy", h("span", { class: `policy ${current.verdict.decision}` }, current.verdict.decision)) : null,
      fact("Attempts", String(view.attempts.length)),
      current?.model ? fact("Model", h("code", {}, current.model)) : null,
      fact("Created", timeElement(view.createdAt), h("br"), ageElement(view.createdAt)),
      fact("Updated", timeElement(view.updatedAt), h("br"), ageElement(view.updatedAt))
    ),
    current?.verdict?.reasons.length ? h("ul", { class: "reasons" }, current.verdict.reasons.map((r) => h("li", {}, inline(r)))) : null
  )
}

const expected = (results) =>
  h("table", { class: "results kv" }, h("tbody", {}, Object.entries(results).map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v)))))

/** What was asked: the words of the request, or that the code came with it. */
export const requestCard = (view) => {
  const r = view.request
  return h(
    "section",
    { class: "card request", "aria-label": "Request" },
    h("h2", {}, "Request"),
    r.query ? h("blockquote", { class: "query" }, r.query) : h("p", { class: "code-given" }, "Code given with the request (no generation)."),
    r.taskObjective ? h("p", {}, h("strong", {}, "Objective: "), r.taskObjective) : null,
    r.expectedResults && Object.keys(r.expectedResults).length ? [h("h3", {}, "Expected results"), expected(r.expectedResults)] : null,
    r.inputFiles?.length ? [h("h3", {}, "Input files"), inputFiles(r.inputFiles)] : null
  )
}

/** The files put in the run's folder: what the approval covers is each one's SHA-256, checked before the code runs. */
const inputFiles = (files) =>
  h(
    "table",
    { class: "input-files" },
    h("thead", {}, h("tr", {}, h("th", {}, "file"), h("th", {}, "bytes"), h("th", {}, "SHA-256"))),
    h("tbody", {}, files.map((f) => h("tr", {}, h("td", {}, h("code", {}, f.name)), h("td", {}, String(f.size)), h("td", {}, h("code", { class: "sha" }, f.sha256)))))
  )
