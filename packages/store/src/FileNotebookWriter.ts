import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Errors, Notebook, NotebookWriter, type Run } from "@pyexec/core"
import { Effect, Layer } from "effect"

const readFigures = (paths: ReadonlyArray<string>) =>
  Effect.forEach(paths, (figure) =>
    Effect.tryPromise({
      try: async () => ({ path: figure, pngBase64: (await fs.readFile(figure)).toString("base64") }),
      catch: (cause) => new Errors.NotebookError({ message: `cannot read figure ${figure}: ${String(cause)}`, cause })
    })
  )

/** Written next to itself, then renamed: a reader never sees half a notebook. */
const writeAtomically = (file: string, notebook: Notebook.NotebookDocument) =>
  Effect.tryPromise({
    try: async () => {
      await fs.mkdir(path.dirname(file), { recursive: true })
      const tmp = `${file}.${process.pid}.tmp`
      await fs.writeFile(tmp, `${JSON.stringify(notebook, null, 1)}\n`, "utf8")
      await fs.rename(tmp, file)
      return file
    },
    catch: (cause) => new Errors.NotebookError({ message: `cannot write notebook ${file}: ${String(cause)}`, cause })
  })

/** Notebooks under RUNS_DIR/<run-id>/: attempt-<n>.ipynb for each attempt and notebook.ipynb for the run. */
export const make = (runsDir: string): NotebookWriter.NotebookWriter["Type"] =>
  NotebookWriter.NotebookWriter.of({
    writeAttempt: (run, number) =>
      Effect.gen(function* () {
        const attempt = run.attempts.find((a) => a.number === number)
        if (!attempt) return yield* new Errors.NotebookError({ message: `run ${run.id} has no attempt ${number}` })
        const figures = yield* readFigures(attempt.result?.figures ?? [])
        return yield* writeAtomically(path.join(runsDir, run.id, `attempt-${number}.ipynb`), Notebook.attemptNotebook(run, attempt, figures))
      }),
    writeFinal: (run: Run.Run) =>
      Effect.gen(function* () {
        const figures = yield* Effect.forEach(run.attempts, (a) => Effect.map(readFigures(a.result?.figures ?? []), (read) => [a.number, read] as const))
        return yield* writeAtomically(path.join(runsDir, run.id, "notebook.ipynb"), Notebook.finalNotebook(run, new Map(figures)))
      })
  })

export const layer = (runsDir: string) => Layer.succeed(NotebookWriter.NotebookWriter, make(runsDir))
