import { h } from "./dom.js"
import { Marked } from "./vendor/marked.js"
import DOMPurify from "./vendor/purify.js"

/**
 * `code` and **bold** inside a one-line message (a finding's, an outcome's), as nodes. Not markdown: a message's
 * `__init__` or `a*b` stays as written.
 */
export const inline = (text) =>
  text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part) => {
    if (/^`[^`]+`$/.test(part)) return h("code", {}, part.slice(1, -1))
    if (/^\*\*[^*]+\*\*$/.test(part)) return h("strong", {}, part.slice(2, -2))
    return part
  })

/** Headings start at h3: the page's own h1 and h2 stay above a notebook's. */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2)
      return `<h${level} class="md-heading">${this.parser.parseInline(tokens)}</h${level}>\n`
    }
  }
})

/** What a notebook's markdown may become: text, structure and links; nothing that loads or runs. */
const sanitizing = {
  RETURN_DOM_FRAGMENT: true,
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["img", "style", "form", "input", "button", "textarea", "select", "video", "audio", "iframe"],
  FORBID_ATTR: ["style"]
}

/** A notebook's markdown (marked, GitHub's flavour) as DOM nodes, sanitized by DOMPurify. */
export const markdown = (source) => {
  const fragment = DOMPurify.sanitize(marked.parse(source), sanitizing)
  for (const table of fragment.querySelectorAll("table")) table.classList.add("md-table")
  for (const link of fragment.querySelectorAll("a[href]")) link.setAttribute("rel", "noopener noreferrer")
  return fragment
}
