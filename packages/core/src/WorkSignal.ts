import { Context, Duration, Effect, Layer, Queue } from "effect"

/** Tells the workers of this process that a run may be ready (submitted, approved), so they need not wait for their next poll. */
export class WorkSignal extends Context.Tag("@pyexec/core/WorkSignal")<
  WorkSignal,
  {
    readonly notify: Effect.Effect<void>
    /** Returns at the next notification, or after `ms` at the latest. */
    readonly wait: (ms: number) => Effect.Effect<void>
  }
>() {}

export const make = Effect.map(Queue.sliding<void>(1), (queue) =>
  WorkSignal.of({
    notify: Effect.asVoid(Queue.offer(queue, undefined)),
    wait: (ms) => Queue.take(queue).pipe(Effect.timeout(Duration.millis(ms)), Effect.ignore)
  })
)

export const layer = Layer.effect(WorkSignal, make)
