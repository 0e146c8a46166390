import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { type Ids, type Run, RunStore } from "@pyexec/core"
import { Effect } from "effect"
import { NotFound } from "./ApiErrors.js"
import { fromCore } from "./CoreErrors.js"

/**
 * Notebook and figure downloads. Only the files a run's stored state names are served, by the path stored with
 * it: nothing from the request reaches the file system but the numbers that pick one of them.
 */

const serve = (file: string, contentType: string, headers: Record<string, string> = {}) =>
  // the Node platform takes a file's type from the headers only
  HttpServerResponse.file(file, { headers: { ...headers, "content-type": contentType } }).pipe(
    Effect.catchAll(() => Effect.fail(new NotFound({ message: `the file is no longer on the server (${file.split("/").at(-1)})` })))
  )

const notebookOf = (run: Run.Run, attempt: number | undefined): string | NotFound => {
  if (attempt === undefined) {
    const newest = [...run.attempts].reverse().find((a) => a.notebookPath !== undefined)
    return run.notebookPath ?? newest?.notebookPath ?? new NotFound({ message: `run ${run.id} has no notebook yet` })
  }
  const chosen = run.attempts.find((a) => a.number === attempt)
  if (!chosen) return new NotFound({ message: `run ${run.id} has no attempt ${attempt} (it has ${run.attempts.length})` })
  return chosen.notebookPath ?? new NotFound({ message: `attempt ${attempt} of run ${run.id} has no notebook yet` })
}

/** The file of a run's notebook: its final one, else its newest attempt's, or attempt `attempt`'s. */
export const notebookFile = (runId: Ids.RunId, attempt: number | undefined) =>
  Effect.gen(function* () {
    const run = yield* Effect.flatMap(RunStore.RunStore, (store) => store.get(runId)).pipe(Effect.mapError(fromCore))
    const file = notebookOf(run, attempt)
    return file instanceof NotFound ? yield* file : { run, file }
  })

export const notebook = (runId: Ids.RunId, attempt: number | undefined) =>
  Effect.gen(function* () {
    const { run, file } = yield* notebookFile(runId, attempt)
    const name = `${run.id}${attempt === undefined ? "" : `-attempt-${attempt}`}.ipynb`
    return yield* serve(file, "application/x-ipynb+json", { "content-disposition": `attachment; filename="${name}"` })
  })

export const figure = (runId: Ids.RunId, attempt: number, index: number) =>
  Effect.gen(function* () {
    const run = yield* Effect.flatMap(RunStore.RunStore, (store) => store.get(runId)).pipe(Effect.mapError(fromCore))
    const figures = run.attempts.find((a) => a.number === attempt)?.result?.figures ?? []
    const file = figures[index]
    if (file === undefined) {
      return yield* new NotFound({ message: `attempt ${attempt} of run ${run.id} has no figure ${index} (it has ${figures.length})` })
    }
    return yield* serve(file, "image/png")
  })
