/** An event of a run's stream as it arrived: its fields, its data parsed, and when it came (performance.now()). */
export interface ArrivedEvent {
  readonly id: string | undefined
  readonly event: string
  // biome-ignore lint/suspicious/noExplicitAny: the data is read as the JSON the server sends
  readonly data: any
  readonly at: number
}

/**
 * Reads `GET /api/runs/{id}/events` as it streams, noting when each event arrives, until the server ends the
 * stream (after the final transition). `onEvent` hears each event as it comes.
 */
export const followEvents = async (
  url: string,
  runId: string,
  token: string,
  options: { readonly lastEventId?: string; readonly onEvent?: (event: ArrivedEvent) => void } = {}
): Promise<ReadonlyArray<ArrivedEvent>> => {
  const response = await fetch(`${url}/api/runs/${runId}/events`, {
    headers: { authorization: `Bearer ${token}`, ...(options.lastEventId ? { "last-event-id": options.lastEventId } : {}) }
  })
  if (response.status !== 200) throw new Error(`the event stream answered ${response.status}: ${await response.text()}`)
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const events: Array<ArrivedEvent> = []
  let buffer = ""
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return events
    buffer += value
    const blocks = buffer.split("\n\n")
    buffer = blocks.pop() ?? ""
    for (const block of blocks) {
      const fields: Record<string, string> = {}
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue
        const colon = line.indexOf(":")
        fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, "")
      }
      if (fields.data === undefined) continue
      const event = { id: fields.id, event: fields.event ?? "message", data: JSON.parse(fields.data), at: performance.now() }
      events.push(event)
      options.onEvent?.(event)
    }
  }
}

/** The text of one stream of the code's output events (not the model's reply), joined. */
export const outputOf = (events: ReadonlyArray<ArrivedEvent>, stream: "stdout" | "stderr") =>
  events
    .filter((e) => e.event === "output" && e.data.phase !== "generation" && e.data.stream === stream)
    .map((e) => e.data.text)
    .join("")

/** The model's reply for an attempt as its output events (phase `generation`) brought it, joined. */
export const replyOf = (events: ReadonlyArray<ArrivedEvent>, attempt = 1) =>
  events
    .filter((e) => e.event === "output" && e.data.phase === "generation" && e.data.attempt === attempt)
    .map((e) => e.data.text)
    .join("")
