import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Context, Effect, Layer } from "effect"
import { NotebookError } from "../Errors.js"
import type { RunId } from "../Ids.js"
import * as Notebook from "../Notebook.js"
import { NotebookWriter } from "../NotebookWriter.js"
import type { Run } from "../Run.js"
import type { RunStatus } from "../RunStatus.js"

/** One notebook the pipeline asked for: `attempt` is absent for the run's final notebook. */
export interface Written {
  readonly runId: RunId
  readonly attempt?: number
  readonly status: RunStatus
  readonly path: string
}

/** The fake as a test sees it: a NotebookWriter that remembers every notebook it wrote, and where. */
export class FakeNotebookWriter extends Context.Tag("@pyexec/core/testing/FakeNotebookWriter")<
  FakeNotebookWriter,
  NotebookWriter["Type"] & { readonly folder: string; readonly written: () => ReadonlyArray<Written> }
>() {}

const write = (file: string, notebook: Notebook.NotebookDocument) =>
  Effect.try({
    try: () => {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, `${JSON.stringify(notebook, null, 1)}\n`, "utf8")
      return file
    },
    catch: (cause) => new NotebookError({ message: `cannot write notebook ${file}: ${String(cause)}`, cause })
  })

/**
 * Writes core's notebooks under `folder`, laid out as the file writer lays them out (<run-id>/attempt-<n>.ipynb,
 * <run-id>/notebook.ipynb), but without figures: the fake executor makes no images to embed.
 */
export const make = (folder: string): FakeNotebookWriter["Type"] => {
  const written: Array<Written> = []
  const noted = (run: Run, file: string, attempt?: number) =>
    Effect.as(Effect.sync(() => written.push({ runId: run.id, status: run.status, path: file, ...(attempt === undefined ? {} : { attempt }) })), file)
  return FakeNotebookWriter.of({
    folder,
    written: () => [...written],
    writeAttempt: (run, number) =>
      Effect.gen(function* () {
        const attempt = run.attempts.find((a) => a.number === number)
        if (!attempt) return yield* new NotebookError({ message: `run ${run.id} has no attempt ${number}` })
        const file = yield* write(path.join(folder, run.id, `attempt-${number}.ipynb`), Notebook.attemptNotebook(run, attempt, []))
        return yield* noted(run, file, number)
      }),
    writeFinal: (run) => Effect.flatMap(write(path.join(folder, run.id, "notebook.ipynb"), Notebook.finalNotebook(run, new Map())), (file) => noted(run, file))
  })
}

/** Provides the fake both as the NotebookWriter and as FakeNotebookWriter; default folder: a new temporary one per build. */
export const layer = (folder?: string): Layer.Layer<NotebookWriter | FakeNotebookWriter> =>
  Layer.effectContext(
    Effect.sync(() => {
      const fake = make(folder ?? fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-notebooks-")))
      return Context.make(NotebookWriter, fake).pipe(Context.add(FakeNotebookWriter, fake))
    })
  )
