import { h } from "./dom.js"

const esc = String.fromCharCode(27)
const ansi = new RegExp(`${esc}\\[[0-?]*[ -/]*[@-~]|${esc}[@-_]`, "g")

/** Text with the terminal's colour codes taken out. */
export const stripAnsi = (text) => text.replace(ansi, "")

const joined = (text) => (Array.isArray(text) ? text.join("") : (text ?? ""))

const isScalar = (value) => value === null || typeof value !== "object"

const scalar = (value) => h("td", { class: typeof value === "number" ? "num" : undefined }, value === null ? "null" : String(value))

const cell = (value) => (isScalar(value) ? scalar(value) : h("td", {}, h("pre", { class: "json" }, JSON.stringify(value, null, 2))))

/** A list of flat records as a table with a column per key. */
const recordsTable = (records) => {
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))]
  return h(
    "table",
    { class: "results" },
    h("thead", {}, h("tr", {}, keys.map((k) => h("th", {}, k)))),
    h("tbody", {}, records.map((r) => h("tr", {}, keys.map((k) => cell(r[k])))))
  )
}

/**
 * JSON results as a readable table: an object as key and value, a list of records as rows. `texts`: how each of an
 * object's values reads in Python (the runner's, which keeps `1.0` a float), shown instead of its JSON.
 */
export const jsonView = (value, texts = {}) => {
  if (Array.isArray(value) && value.length > 0 && value.every((r) => r && typeof r === "object" && !Array.isArray(r) && Object.values(r).every(isScalar))) {
    return recordsTable(value)
  }
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    const shown = (k, v) => {
      const text = texts?.[k]
      if (typeof text !== "string") return cell(v)
      return isScalar(v) ? h("td", { class: typeof v === "number" ? "num" : undefined }, text) : h("td", {}, h("pre", { class: "json" }, text))
    }
    return h("table", { class: "results kv" }, h("tbody", {}, Object.entries(value).map(([k, v]) => h("tr", {}, h("th", {}, k), shown(k, v)))))
  }
  return h("pre", { class: "json" }, JSON.stringify(value, null, 2))
}

const richOutput = (output, label) => {
  const data = output.data ?? {}
  if (typeof data["image/png"] === "string") {
    return h("img", { class: "figure", alt: joined(data["text/plain"]) || label, src: `data:image/png;base64,${joined(data["image/png"]).trim()}` })
  }
  if ("application/json" in data) return jsonView(data["application/json"], output.metadata?.pyexec?.resultsText)
  return h("pre", { class: "text" }, stripAnsi(joined(data["text/plain"])))
}

/** One nbformat output: a stream, a figure, a result or an error with its traceback. */
export const outputView = (output) => {
  switch (output.output_type) {
    case "stream":
      return h("pre", { class: `stream ${output.name}`, dataset: { stream: output.name } }, stripAnsi(joined(output.text)))
    case "display_data":
      return h("div", { class: "output display" }, richOutput(output, "figure"))
    case "execute_result":
      return h("div", { class: "output result" }, h("div", { class: "output-label" }, "results"), richOutput(output, "result"))
    case "error":
      return h(
        "div",
        { class: "output error" },
        h("div", { class: "error-title" }, `${output.ename}: ${output.evalue}`),
        output.traceback?.length ? h("pre", { class: "traceback" }, stripAnsi(output.traceback.join("\n"))) : null
      )
    default:
      return h("pre", { class: "text" }, JSON.stringify(output, null, 2))
  }
}
