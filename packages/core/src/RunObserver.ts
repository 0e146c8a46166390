import { Context, type Effect } from "effect"
import type { Run } from "./Run.js"
import type { Chunk, Phase } from "./RunOutput.js"

/** Told of every stored transition (progress lines, live pages). Optional: without it nothing is told. */
export class RunObserver extends Context.Tag("@pyexec/core/RunObserver")<
  RunObserver,
  {
    readonly onTransition: (run: Run, event: string) => Effect.Effect<void>
    /**
     * What the code of the run's attempt wrote while it runs (or while its preview runs), in batches of a few tens
     * of milliseconds, in the process that executes it (other processes read it from the store). Never after the
     * end of that execution is stored.
     */
    readonly onOutput?: (run: Run, attempt: number, chunk: Chunk, phase: Phase) => Effect.Effect<void>
    /** The reply the model writes for the run's attempt, piece by piece as it comes, in the process that generates it. */
    readonly onTokens?: (run: Run, attempt: number, text: string) => Effect.Effect<void>
  }
>() {}
