import { h } from "./dom.js"
import hljs from "./vendor/highlight-core.js"
import python from "./vendor/highlight-python.js"
import DOMPurify from "./vendor/purify.js"

hljs.registerLanguage("python", python)

/** A node's text split at line ends, each line's pieces wrapped in the spans they were in (a string may span lines). */
const lines = (node) => {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent.split("\n").map((part) => (part ? [part] : []))
  const result = [[]]
  for (const child of node.childNodes) {
    const [first, ...rest] = lines(child)
    result[result.length - 1].push(...first)
    result.push(...rest)
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return result
  return result.map((parts) => (parts.length ? [h("span", { class: node.getAttribute("class") }, parts)] : []))
}

/** Python source as lines of highlighted nodes (highlight.js's spans, classes hljs-*), one array a line. */
export const highlightedLines = (code) => {
  const { value } = hljs.highlight(code, { language: "python", ignoreIllegals: true })
  // highlight.js escapes the code; sanitizing anyway keeps any HTML from the API out of the page
  return lines(DOMPurify.sanitize(value, { RETURN_DOM_FRAGMENT: true, ALLOWED_TAGS: ["span"], ALLOWED_ATTR: ["class"] }))
}
