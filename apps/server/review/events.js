import { api, runPath } from "./api.js"
import { finalStatuses } from "./status.js"

/** Yields the events of a text/event-stream body as {id, type, data}. */
async function* serverSentEvents(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader()
  signal.addEventListener("abort", () => reader.cancel().catch(() => {}), { once: true })
  let buffer = ""
  let event = { type: "message", data: [] }
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    const lines = buffer.split(/\r\n|\r|\n/)
    buffer = lines.pop()
    for (const line of lines) {
      if (line === "") {
        if (event.data.length > 0) yield { id: event.id, type: event.type, data: event.data.join("\n") }
        event = { type: "message", data: [] }
        continue
      }
      if (line.startsWith(":")) continue
      const colon = line.indexOf(":")
      const field = colon < 0 ? line : line.slice(0, colon)
      const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "")
      if (field === "data") event.data.push(text)
      else if (field === "event") event.type = text
      else if (field === "id") event.id = text
    }
  }
}

const pause = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms)
  signal.addEventListener("abort", () => { clearTimeout(timer); resolve() }, { once: true })
})

/**
 * Follows a run's transitions, and the output of its code while it runs (onOutput, when given), until a transition
 * into a final status, or until the signal aborts. EventSource cannot send the Authorization header, so this reads
 * the stream with fetch; a dropped stream resumes with Last-Event-ID, which holds the place in both. onState hears
 * "live" while a stream is open and "reconnecting" while it waits to open another.
 */
export const followTransitions = async (runId, { onTransition, onOutput, onState, signal }) => {
  let lastId
  for (;;) {
    try {
      const headers = { Accept: "text/event-stream", ...(lastId ? { "Last-Event-ID": lastId } : {}) }
      const response = await api(`${runPath(runId)}/events`, { headers, signal })
      onState("live")
      for await (const event of serverSentEvents(response.body, signal)) {
        if (event.id) lastId = event.id
        if (event.type === "output") {
          onOutput?.(JSON.parse(event.data))
          continue
        }
        if (event.type !== "transition") continue
        const transition = JSON.parse(event.data)
        onTransition(transition)
        if (finalStatuses.has(transition.toStatus)) return onState("ended")
      }
    } catch (error) {
      if (signal.aborted || error.status === 401 || error.status === 404) return
    }
    if (signal.aborted) return
    onState("reconnecting")
    await pause(3000, signal)
    if (signal.aborted) return
  }
}
