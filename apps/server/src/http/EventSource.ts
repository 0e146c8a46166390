import * as HttpClient from "@effect/platform/HttpClient"
import { Effect, Stream } from "effect"

/** One server-sent event: its name (`message` when the server gave none), its id if any, and its data. */
export interface ServerSentEvent {
  readonly event: string
  readonly id?: string
  readonly data: string
}

/** Server-sent events from a text stream, as the EventSource standard reads them (comments skipped). */
export const parse = <E, R>(text: Stream.Stream<string, E, R>): Stream.Stream<ServerSentEvent, E, R> =>
  text.pipe(
    Stream.splitLines,
    Stream.mapAccum({ event: "", id: undefined as string | undefined, data: [] as Array<string> }, (pending, line) => {
      if (line === "") {
        const done: ReadonlyArray<ServerSentEvent> =
          pending.data.length === 0 ? [] : [{ event: pending.event || "message", data: pending.data.join("\n"), ...(pending.id !== undefined ? { id: pending.id } : {}) }]
        return [{ event: "", id: undefined, data: [] }, done]
      }
      if (line.startsWith(":")) return [pending, []]
      const colon = line.indexOf(":")
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "")
      if (field === "event") return [{ ...pending, event: value }, []]
      if (field === "id") return [{ ...pending, id: value }, []]
      if (field === "data") return [{ ...pending, data: [...pending.data, value] }, []]
      return [pending, []]
    }),
    Stream.flattenIterables
  )

/** GET `url` with `client` (which carries the credential), read as an event stream until the server ends it. */
export const open = <E, R>(client: HttpClient.HttpClient.With<E, R>, url: string) =>
  Stream.unwrap(
    Effect.map(client.pipe(HttpClient.filterStatusOk).get(url, { headers: { accept: "text/event-stream" } }), (response) =>
      parse(response.stream.pipe(Stream.decodeText()))
    )
  )
