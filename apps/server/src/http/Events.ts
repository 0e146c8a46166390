import { HttpServerResponse } from "@effect/platform"
import { type Ids, RunStatus, RunStore } from "@pyexec/core"
import { Chunk, Effect, Option, Stream } from "effect"
import { fromCore } from "./CoreErrors.js"

/** How often the store is read: transitions may come from any server process on the store. */
const pollMillis = 200
const keepAliveMillis = 15_000

const transition = (c: RunStore.Checkpoint) =>
  `id: ${c.seq}\nevent: transition\ndata: ${JSON.stringify({ seq: c.seq, fromStatus: c.fromStatus, toStatus: c.toStatus, event: c.event, at: c.at })}\n\n`

/**
 * The run's transitions after seq `after` (-1: from the first) as server-sent events, read from the store's
 * checkpoints until the run reaches a final status. An unknown run is a 404 before the stream starts.
 */
export const events = (runId: Ids.RunId, after: number) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    yield* store.get(runId).pipe(Effect.mapError(fromCore))
    const transitions = Stream.paginateChunkEffect({ after, first: true }, (state) =>
      Effect.gen(function* () {
        if (!state.first) yield* Effect.sleep(pollMillis)
        const all = yield* store.checkpoints(runId)
        const fresh = all.filter((c) => c.seq > state.after)
        // a final status is the last transition a run makes
        const ended = all.some((c) => RunStatus.isTerminal(c.toStatus))
        const next = { after: fresh.at(-1)?.seq ?? state.after, first: false }
        return [Chunk.fromIterable(fresh.map(transition)), ended ? Option.none() : Option.some(next)] as const
      })
    ).pipe(Stream.catchAll((e) => Stream.make(`event: error\ndata: ${JSON.stringify({ message: e.message })}\n\n`)))
    const keepAlive = Stream.tick(keepAliveMillis).pipe(Stream.drop(1), Stream.as(": keep-alive\n\n"))
    // a first comment sends the headers at once, also when no transition is due for a while
    const opened = Stream.make(`: transitions of run ${runId}\n\n`)
    const body = Stream.concat(opened, Stream.merge(transitions, keepAlive, { haltStrategy: "left" }))
    return HttpServerResponse.stream(Stream.encodeText(body), {
      contentType: "text/event-stream",
      headers: { "cache-control": "no-cache" }
    })
  })
