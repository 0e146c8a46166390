import { h } from "./dom.js"

/** `code` and **bold** inside a line, as nodes. */
export const inline = (text) =>
  text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part) => {
    if (/^`[^`]+`$/.test(part)) return h("code", {}, part.slice(1, -1))
    if (/^\*\*[^*]+\*\*$/.test(part)) return h("strong", {}, part.slice(2, -2))
    return part
  })

const cells = (row) =>
  row
    .replace(/^\s*\|/, "")
    .replace(/\|\s*$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replaceAll("\\|", "|"))

const table = (rows) => {
  const [head, , ...body] = rows
  return h(
    "table",
    { class: "md-table" },
    h("thead", {}, h("tr", {}, cells(head).map((c) => h("th", {}, inline(c))))),
    h("tbody", {}, body.map((row) => h("tr", {}, cells(row).map((c) => h("td", {}, inline(c))))))
  )
}

/**
 * The markdown the notebooks are written in (headings, paragraphs, lists, tables, `code`, **bold**) as DOM
 * nodes; anything else stays plain text. No HTML in the source is ever interpreted.
 */
export const markdown = (source) => {
  const blocks = source.split(/\n{2,}/)
  return blocks.map((block) => {
    const lines = block.split("\n")
    const heading = /^(#{1,6})\s+(.*)$/.exec(block)
    if (heading && lines.length === 1) return h(`h${Math.min(6, heading[1].length + 2)}`, { class: "md-heading" }, inline(heading[2]))
    if (lines.length >= 2 && lines.every((l) => l.trim().startsWith("|")) && /^\s*\|[\s|:-]+\|\s*$/.test(lines[1])) return table(lines)
    if (lines.every((l) => /^\s*[-*]\s/.test(l))) return h("ul", {}, lines.map((l) => h("li", {}, inline(l.replace(/^\s*[-*]\s/, "")))))
    return h("p", {}, lines.flatMap((l, i) => (i ? [h("br"), inline(l)] : [inline(l)])))
  })
}
