/**
 * The `data` of each event of a text/event-stream body, as the events end (a blank line). Lines of one event's
 * `data:` fields are joined with newlines; comments (`:`) and other fields are skipped.
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffered = ""
  let data: Array<string> = []
  for await (const bytes of body) {
    buffered += decoder.decode(bytes, { stream: true })
    const lines = buffered.split(/\r\n|\r|\n/)
    buffered = lines.pop() ?? ""
    for (const line of lines) {
      if (line === "") {
        if (data.length > 0) yield data.join("\n")
        data = []
      } else if (line.startsWith("data:")) {
        data.push(line.slice(line.startsWith("data: ") ? 6 : 5))
      }
    }
  }
  if (data.length > 0) yield data.join("\n")
}
