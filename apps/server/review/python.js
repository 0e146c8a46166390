import { h } from "./dom.js"

const keywords = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case".split(" ")
)
const builtins = new Set("print len range enumerate zip dict list set tuple float int str bool open abs min max sum round sorted isinstance super".split(" "))

const token =
  /(#[^\n]*)|((?:\b[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|(\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?j?)\b)|(@[A-Za-z_][\w.]*)|\b([A-Za-z_]\w*)\b/g

const classOf = (match) => {
  if (match[1]) return "tok-comment"
  if (match[2]) return "tok-string"
  if (match[3]) return "tok-number"
  if (match[4]) return "tok-decorator"
  if (keywords.has(match[5])) return "tok-keyword"
  if (builtins.has(match[5])) return "tok-builtin"
  return undefined
}

/** Python source as lines of highlighted nodes (text nodes and spans); multi-line strings are split at lines. */
export const highlightedLines = (code) => {
  const lines = [[]]
  const add = (text, cls) => {
    text.split("\n").forEach((part, i) => {
      if (i > 0) lines.push([])
      if (part) lines[lines.length - 1].push(cls ? h("span", { class: cls }, part) : part)
    })
  }
  let at = 0
  for (const match of code.matchAll(token)) {
    const cls = classOf(match)
    if (!cls) continue
    add(code.slice(at, match.index))
    add(match[0], cls)
    at = match.index + match[0].length
  }
  add(code.slice(at))
  return lines
}
