import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type Ids, type RunOutput, RunStatus, RunStore } from "@pyexec/core"
import { RunChanges } from "@pyexec/store"
import { Chunk, Config, Duration, Effect, Option, Queue, Stream } from "effect"
import { fromCore } from "./CoreErrors.js"

/**
 * The store is read again when it says the run changed (RunChanges: any server process on the store may change
 * it), and at the latest after this long, for a notification that was lost.
 */
const fallbackPoll = Config.integer("PYEXEC_EVENTS_POLL_MS").pipe(Config.withDefault(5000))
const keepAliveMillis = 15_000
/** Output chunks read at most per poll; a full page is followed at once by the next. */
const outputPage = 500

/**
 * Where a reader is: the seq of the last transition and of the last output chunk it got (0: none). An event's id
 * says it, so `Last-Event-ID` resumes both: `<transition>` while no output was sent, `<transition>/<output>` after.
 */
export interface Cursor {
  readonly transition: number
  readonly output: number
}

export const start: Cursor = { transition: -1, output: 0 }

/** `Last-Event-ID` as an event's id wrote it ("5" or "5/120"); the header's schema has checked its shape. */
export const cursorOf = (lastEventId: string | undefined): Cursor => {
  if (lastEventId === undefined) return start
  const [transition, output] = lastEventId.split("/")
  return { transition: Number(transition), output: output === undefined ? 0 : Number(output) }
}

const idOf = (c: Cursor) => (c.output > 0 ? `${c.transition}/${c.output}` : `${c.transition}`)

type Item = { readonly kind: "transition"; readonly c: RunStore.Checkpoint } | { readonly kind: "output"; readonly o: RunOutput.Entry }

const atOf = (item: Item) => Date.parse(item.kind === "transition" ? item.c.at : item.o.at)

/**
 * Transitions and output in the order they happened. Both are stamped by the process that drives the run, on its
 * clock; at the same millisecond, output comes after a transition into executing (generating) and before one out
 * of it.
 */
const inOrder = (transitions: ReadonlyArray<RunStore.Checkpoint>, output: ReadonlyArray<RunOutput.Entry>): Array<Item> => {
  const rank = (item: Item) => (item.kind === "output" ? 1 : item.c.fromStatus === "executing" || item.c.fromStatus === "generating" ? 2 : 0)
  const items: Array<Item> = [...transitions.map((c) => ({ kind: "transition", c }) as const), ...output.map((o) => ({ kind: "output", o }) as const)]
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => atOf(a.item) - atOf(b.item) || rank(a.item) - rank(b.item) || a.i - b.i)
    .map((x) => x.item)
}

const format = (item: Item, id: string) =>
  item.kind === "transition"
    ? `id: ${id}\nevent: transition\ndata: ${JSON.stringify({ seq: item.c.seq, fromStatus: item.c.fromStatus, toStatus: item.c.toStatus, event: item.c.event, at: item.c.at })}\n\n`
    : `id: ${id}\nevent: output\ndata: ${JSON.stringify({ attempt: item.o.attempt, phase: item.o.phase, stream: item.o.stream, text: item.o.text, seq: item.o.seq, at: item.o.at })}\n\n`

/**
 * The run's transitions and, as `output` events, the model's reply while it is written (phase `generation`) and
 * the output of its code, as server-sent events from `cursor` on, read from the store (checkpoints and the live
 * output log) whenever it notifies a change, until the run reaches a final status. An unknown run is a 404 before
 * the stream starts. The output of an attempt is stored before the transition that ends it, so the stream's last
 * event is the final transition, after all output.
 */
export const events = (runId: Ids.RunId, cursor: Cursor) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const changes = yield* RunChanges.RunChanges
    const poll = Duration.millis(yield* Effect.orDie(fallbackPoll))
    yield* store.get(runId).pipe(Effect.mapError(fromCore))
    const pages = (changed: Queue.Dequeue<void>) => Stream.paginateChunkEffect({ cursor, wait: false }, (state) =>
      Effect.gen(function* () {
        if (state.wait) yield* Queue.take(changed).pipe(Effect.timeout(poll), Effect.ignore)
        // checkpoints first: output read after them holds all output stored before the transitions read
        const all = yield* store.checkpoints(runId)
        const output = yield* store.outputAfter(runId, state.cursor.output, outputPage)
        let transitions = all.filter((c) => c.seq > state.cursor.transition)
        const more = output.length === outputPage
        if (more) {
          // the rest of the output comes first: only transitions up to the last chunk read go now
          const cut = Date.parse(output.at(-1)!.at)
          const upTo = transitions.findIndex((c) => Date.parse(c.at) > cut)
          if (upTo >= 0) transitions = transitions.slice(0, upTo)
        }
        let { transition, output: seen } = state.cursor
        const lines = inOrder(transitions, output).map((item) => {
          if (item.kind === "transition") transition = item.c.seq
          else seen = item.o.seq
          return format(item, idOf({ transition, output: seen }))
        })
        // a final status is the last transition a run makes
        const ended = !more && all.some((c) => RunStatus.isTerminal(c.toStatus))
        const next = { cursor: { transition, output: seen }, wait: !more }
        return [Chunk.fromIterable(lines), ended ? Option.none() : Option.some(next)] as const
      })
    )
    // subscribed before the first read: a change made after that read is heard
    const stream = Stream.unwrapScoped(Effect.map(changes.subscribe(runId), pages)).pipe(
      Stream.catchAll((e) => Stream.make(`event: error\ndata: ${JSON.stringify({ message: e.message })}\n\n`))
    )
    const keepAlive = Stream.tick(keepAliveMillis).pipe(Stream.drop(1), Stream.as(": keep-alive\n\n"))
    // a first comment sends the headers at once, also when no event is due for a while
    const opened = Stream.make(`: events of run ${runId}\n\n`)
    const body = Stream.concat(opened, Stream.merge(stream, keepAlive, { haltStrategy: "left" }))
    return HttpServerResponse.stream(Stream.encodeText(body), {
      contentType: "text/event-stream",
      headers: { "cache-control": "no-cache" }
    })
  })
