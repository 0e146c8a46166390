import { h } from "./dom.js"

/** The pane keeps the tail: at most this many characters of the reply in the page. */
const maxChars = 100_000

/**
 * The model's reply while it writes it, as the event stream brings it (`output` events of phase `generation`):
 * shown in the code's place while the run is `generating`, marked as the model still writing (not code to review),
 * and replaced by the attempt's code once it is ready. One element that lives as long as the page: the run page
 * puts it in place on every render while the run generates.
 */
export const modelReply = () => {
  const title = h("h2", {}, "Code")
  const text = h("pre", { class: "model-reply-text", tabindex: "0", "aria-label": "The model's reply so far" })
  const note = h("p", { class: "muted model-reply-note" }, "No code yet: it is being written.")
  const element = h(
    "section",
    { class: "card model-reply", "aria-label": "The model's reply", "aria-busy": "true" },
    h("div", { class: "card-head" }, title, h("span", { class: "model-writing" }, "the model is still writing")),
    note,
    text
  )
  let attempt
  let chars = 0

  const trim = () => {
    if (chars <= maxChars) return
    text.textContent = `…${text.textContent.slice(chars - maxChars)}`
    chars = text.textContent.length
  }

  return {
    element,
    /** One `output` event's data of phase `generation`: {attempt, phase, stream, text, seq, at}. */
    add(chunk) {
      if (chunk.attempt !== attempt) {
        attempt = chunk.attempt
        text.textContent = ""
        chars = 0
      }
      // follow the end, unless the reader scrolled up to read
      const atEnd = text.scrollTop + text.clientHeight >= text.scrollHeight - 4
      text.append(chunk.text)
      chars += chunk.text.length
      trim()
      text.normalize()
      if (atEnd) text.scrollTop = text.scrollHeight
      const current = attempt === Number(element.dataset.attempt)
      note.hidden = current
      text.hidden = !current
    },
    /** The pane for the run as the page shows it: the reply of the attempt being written, or null when it does not generate. */
    of(view) {
      if (view.status !== "generating") return null
      const writing = view.attempts.length + 1
      element.dataset.attempt = String(writing)
      title.textContent = `Code · attempt ${writing}`
      // a reply of another attempt (an earlier one, replayed) is not this one's
      note.hidden = attempt === writing && chars > 0
      text.hidden = !note.hidden
      return element
    }
  }
}
