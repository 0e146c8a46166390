import { Context, type Effect } from "effect"
import type { Run } from "./Run.js"
import type { Chunk, Phase } from "./RunOutput.js"

/** Told of every stored transition (progress lines, live pages). Optional: without it nothing is told. */
export class RunObserver extends Context.Tag("@pyexec/core/RunObserver")<
  RunObserver,
  {
    readonly onTransition: (run: Run, event: string) => Effect.Effect<void>
    /**
     * What the code of the run's attempt wrote while it runs (or while its preview runs), and the reply the model
     * writes for the attempt while it writes it (phase `generation`, on stdout, for generators that stream), in
     * batches of a few tens of milliseconds, in the process that drives it (other processes read it from the
     * store). Never after the end of that execution (the attempt's code, for its reply) is stored.
     */
    readonly onOutput?: (run: Run, attempt: number, chunk: Chunk, phase: Phase) => Effect.Effect<void>
  }
>() {}
