import { h } from "./dom.js"
import { stripAnsi } from "./outputs.js"

/** The pane keeps the tail: at most this many characters of output in the page. */
const maxChars = 200_000

const seconds = (ms) => {
  const s = Math.max(0, Math.floor(ms / 1000))
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`
}

/**
 * What the code writes while it runs, as the event stream brings it (`output` events): the newest output of the
 * current attempt (of its preview, before approval), stderr marked apart from stdout, and how long the code has
 * been running. One element that lives
 * as long as the page: the run page puts it back in place on every render.
 */
export const liveOutput = () => {
  const text = h("pre", { class: "live-output-text", tabindex: "0", "aria-label": "Output of the code" })
  const title = h("h2", {}, "Output")
  const clock = h("span", { class: "elapsed muted", role: "timer" })
  const note = h("p", { class: "muted live-output-note" }, "Waiting for the code's first output…")
  const element = h("section", { class: "card live-output", "aria-label": "Live output", hidden: true }, h("div", { class: "card-head" }, title, clock), note, text)
  let shownKey
  let chars = 0
  let since
  let timer

  const tick = () => {
    if (since !== undefined) clock.textContent = `running for ${seconds(Date.now() - since)}`
  }

  /** Drops the oldest output until the pane holds at most maxChars. */
  const trim = () => {
    while (chars > maxChars && text.firstChild) {
      const first = text.firstChild
      const over = chars - maxChars
      if (first.textContent.length <= over) {
        chars -= first.textContent.length
        first.remove()
      } else {
        first.textContent = first.textContent.slice(over)
        chars -= over
      }
      note.textContent = "The newest output is shown; what came before is in the notebook when the run ends."
      note.hidden = false
    }
  }

  return {
    element,
    /** One `output` event's data: {attempt, phase, stream, text, seq, at}. */
    add(chunk) {
      const key = `${chunk.attempt} ${chunk.phase}`
      if (key !== shownKey) {
        shownKey = key
        text.replaceChildren()
        chars = 0
        title.textContent = `${chunk.phase === "preview" ? "Preview output" : "Output"} · attempt ${chunk.attempt}`
      }
      element.hidden = false
      note.hidden = true
      // follow the end, unless the reader scrolled up to read
      const atEnd = text.scrollTop + text.clientHeight >= text.scrollHeight - 4
      const clean = stripAnsi(chunk.text)
      const last = text.lastChild
      if (last && last.dataset.stream === chunk.stream) last.textContent += clean
      else text.append(h("span", { class: `out-${chunk.stream}`, dataset: { stream: chunk.stream } }, clean))
      chars += clean.length
      trim()
      if (atEnd) text.scrollTop = text.scrollHeight
    },
    /** The run as the page shows it: the clock runs while it executes, from its last move into executing. */
    update(view) {
      const started = [...(view.history ?? [])].reverse().find((t) => t.toStatus === "executing")
      if (view.status === "executing" && started) {
        element.hidden = false
        if (!text.firstChild) title.textContent = `Output · attempt ${view.attempts.length}`
        since = Math.min(Date.now(), Date.parse(started.at))
        tick()
        timer ??= setInterval(tick, 1000)
        return
      }
      clearInterval(timer)
      timer = undefined
      if (since !== undefined && started) {
        const ended = view.history.find((t) => t.seq > started.seq)
        clock.textContent = ended ? `ran for ${seconds(Date.parse(ended.at) - Date.parse(started.at))}` : ""
      }
      since = undefined
      note.hidden = true
      if (!text.firstChild) element.hidden = true
    },
    stop() {
      clearInterval(timer)
    }
  }
}
