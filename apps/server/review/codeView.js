import { h } from "./dom.js"
import { inline } from "./markdown.js"
import { highlightedLines } from "./python.js"

const rank = { info: 0, warning: 1, error: 2 }

const worst = (findings) => findings.reduce((a, f) => (rank[f.severity] > rank[a] ? f.severity : a), "info")

export const lineId = (attempt, line) => `a${attempt}-L${line}`

/** Scrolls a code line into view and flashes it. */
export const showLine = (attempt, line) => {
  const row = document.getElementById(lineId(attempt, line))
  if (!row) return
  row.scrollIntoView({ block: "center", behavior: "smooth" })
  row.animate([{ outlineColor: "var(--accent)" }, { outlineColor: "transparent" }], { duration: 1600, easing: "ease-out" })
}

const annotation = (finding) =>
  h(
    "div",
    { class: `annotation sev-${finding.severity}`, dataset: { rule: finding.rule, line: finding.line } },
    h("span", { class: "rule" }, finding.rule),
    h("span", { class: `severity sev-${finding.severity}` }, finding.severity),
    h("span", { class: "message" }, inline(finding.message)),
    h("span", { class: "where" }, `${finding.name} · line ${finding.line}:${finding.column}`)
  )

/**
 * The code with line numbers. Lines a finding covers are highlighted with a gutter marker in the colour of the
 * worst severity there; each finding's rule, severity and message sit under the last line it covers.
 */
export const codeView = (attempt, findings) => {
  const covering = new Map()
  const endingAt = new Map()
  for (const finding of findings) {
    for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) {
      covering.set(line, [...(covering.get(line) ?? []), finding])
    }
    const end = Math.max(finding.line, finding.endLine)
    endingAt.set(end, [...(endingAt.get(end) ?? []), finding])
  }
  const rows = highlightedLines(attempt.code).map((content, i) => {
    const number = i + 1
    const here = covering.get(number)
    const severity = here ? worst(here) : undefined
    const row = h(
      "div",
      { class: severity ? `line flagged sev-${severity}` : "line", id: lineId(attempt.number, number), dataset: { line: number } },
      h("span", { class: "ln" }, number),
      h("span", { class: "gutter", title: here ? here.map((f) => f.rule).join(", ") : undefined }, here ? "●" : ""),
      h("span", { class: "src" }, content.length ? content : "\u200b")
    )
    return [row, (endingAt.get(number) ?? []).map(annotation)]
  })
  // the body is as wide as the longest line, and the block scrolls sideways inside itself on a narrow screen
  return h("div", { class: "code", role: "region", tabindex: "0", "aria-label": `Code of attempt ${attempt.number}` }, h("div", { class: "code-body" }, rows))
}

/** One line a finding, worst first; a click jumps to its line in the code. */
export const findingsList = (attempt, findings) => {
  if (findings.length === 0) return h("p", { class: "muted findings-none" }, "The analyzer found nothing to report.")
  const sorted = [...findings].sort((a, b) => rank[b.severity] - rank[a.severity] || a.line - b.line)
  return h(
    "ul",
    { class: "findings" },
    sorted.map((finding) =>
      h(
        "li",
        {},
        h(
          "button",
          { type: "button", class: `finding sev-${finding.severity}`, onclick: () => showLine(attempt.number, finding.line) },
          h("span", { class: `severity sev-${finding.severity}` }, finding.severity),
          h("span", { class: "rule" }, finding.rule),
          h("span", { class: "message" }, inline(finding.message)),
          h("span", { class: "where" }, `line ${finding.line}`)
        )
      )
    )
  )
}
