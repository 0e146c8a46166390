import { Context, type Effect } from "effect"
import type { NotebookError } from "./Errors.js"
import type { Run } from "./Run.js"

/** Writes a run's attempts and its final state as Jupyter notebooks; returns the path written. */
export class NotebookWriter extends Context.Tag("@pyexec/core/NotebookWriter")<
  NotebookWriter,
  {
    readonly writeAttempt: (run: Run, attempt: number) => Effect.Effect<string, NotebookError>
    readonly writeFinal: (run: Run) => Effect.Effect<string, NotebookError>
  }
>() {}
