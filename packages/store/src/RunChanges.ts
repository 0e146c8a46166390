import { Context, Effect, Queue, type Scope } from "effect"

/**
 * Tells a reader of a run (the event stream) that the run may have changed: a transition or live output was
 * stored, by this process or by another on the same database. Postgres carries it with LISTEN/NOTIFY (PGlite
 * within its process); the store sends the notification in the transaction that changes the run, so it is heard
 * once that commits. A reader still reads the store now and then: a notification sent while the listening
 * connection was down is lost.
 */
export class RunChanges extends Context.Tag("@pyexec/store/RunChanges")<
  RunChanges,
  {
    /** A queue that gets an item whenever the run may have changed, from the moment this returns, for as long as the scope lasts. */
    readonly subscribe: (runId: string) => Effect.Effect<Queue.Dequeue<void>, never, Scope.Scope>
  }
>() {}

/** The channel the store notifies on; the payload is the run's id. */
export const channel = "pyexec_run_changes"

/**
 * The service over a database's LISTEN: `listen` starts hearing the channel and hands each payload on. It starts
 * at the first subscription (a command that never follows a run opens no listening connection); one that failed
 * is tried again at the next.
 */
export const make = (listen: (deliver: (runId: string) => void) => Promise<unknown>): RunChanges["Type"] => {
  const subscribers = new Map<string, Set<Queue.Queue<void>>>()
  const deliver = (runId: string) => {
    for (const queue of subscribers.get(runId) ?? []) Queue.unsafeOffer(queue, undefined)
  }
  let listening: Promise<unknown> | undefined
  const started = Effect.promise(() => {
    listening ??= listen(deliver).catch(() => {
      listening = undefined
    })
    return listening
  })
  return RunChanges.of({
    subscribe: (runId) =>
      Effect.acquireRelease(
        Effect.tap(Queue.sliding<void>(1), (queue) =>
          Effect.sync(() => subscribers.set(runId, (subscribers.get(runId) ?? new Set()).add(queue))).pipe(Effect.zipRight(started))
        ),
        (queue) =>
          Effect.sync(() => {
            const set = subscribers.get(runId)
            set?.delete(queue)
            if (set?.size === 0) subscribers.delete(runId)
          }).pipe(Effect.zipRight(Queue.shutdown(queue)))
      )
  })
}
