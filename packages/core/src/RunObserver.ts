import { Context, type Effect } from "effect"
import type { Run } from "./Run.js"

/** Told of every stored transition (progress lines, live pages). Optional: without it nothing is told. */
export class RunObserver extends Context.Tag("@pyexec/core/RunObserver")<
  RunObserver,
  {
    readonly onTransition: (run: Run, event: string) => Effect.Effect<void>
  }
>() {}
