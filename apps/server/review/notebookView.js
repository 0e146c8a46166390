import { getJson, runPath } from "./api.js"
import { h } from "./dom.js"
import { markdown } from "./markdown.js"
import { outputView } from "./outputs.js"
import { highlightedLines } from "./python.js"
import { statusLabel } from "./status.js"

const joined = (source) => (Array.isArray(source) ? source.join("") : (source ?? ""))

const codeCell = (cell) => {
  const source = joined(cell.source)
  const lines = source.split("\n").length
  return h(
    "div",
    { class: "cell code-cell" },
    h(
      "details",
      { class: "cell-source" },
      h("summary", {}, `In [${cell.execution_count ?? " "}] · ${lines} line${lines === 1 ? "" : "s"} of code`),
      h("pre", { class: "source" }, highlightedLines(source).map((line) => [...line, "\n"]))
    ),
    cell.outputs?.length ? h("div", { class: "outputs" }, cell.outputs.map(outputView)) : h("p", { class: "muted" }, "No output.")
  )
}

/**
 * The notebook's header was written with the run's status at that moment: shown as history, under a line that
 * says so, while the run's status now is the page's own (at its top).
 */
const headerCell = (cell, writtenWhen) =>
  h(
    "div",
    { class: "cell markdown-cell notebook-header", dataset: { writtenWhen: writtenWhen ?? "" } },
    writtenWhen ? h("p", { class: "written-when" }, `Written when the run was ${statusLabel(writtenWhen)}; what follows is as it was then.`) : null,
    markdown(joined(cell.source))
  )

const cellView = (cell, writtenWhen) => {
  if (cell.cell_type === "code") return codeCell(cell)
  if (cell.id === "header") return headerCell(cell, writtenWhen)
  return h("div", { class: "cell markdown-cell" }, markdown(joined(cell.source)))
}

/** An nbformat notebook as the reader sees it in Jupyter: markdown, code, and the code's real outputs. */
export const notebookView = (notebook) =>
  h("div", { class: "notebook" }, notebook.cells.map((cell) => cellView(cell, notebook.metadata?.pyexec?.status)))

/** Fetches an attempt's notebook into an element; what it showed stays until the new one is read. */
export const notebookInto = (element, runId, attempt) =>
  getJson(`${runPath(runId)}/notebook.ipynb?attempt=${attempt}`)
    .then((notebook) => element.replaceChildren(notebookView(notebook)))
    .catch((error) => element.replaceChildren(h("p", { class: "notice error" }, `The notebook could not be read: ${error.message}`)))
