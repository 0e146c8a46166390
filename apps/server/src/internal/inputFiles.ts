import * as fs from "node:fs/promises"
import * as path from "node:path"
import { InputFiles, RunStore } from "@pyexec/core"
import { Config, Effect, Either, Option } from "effect"

/**
 * A request's input files as people give them: paths on the CLI (`--file`), base64 in the API (`files`), names in
 * the site's data folder (`--data-file`, `dataFiles`: PYEXEC_DATA_FOLDER, read-only, e.g. archiver exports). Each
 * is read whole, checked against the limits, stored by its SHA-256, and named in the request.
 */

/** PYEXEC_DATA_FOLDER: the folder of the site's data that requests may name files of. */
export const dataFolder = Config.string("PYEXEC_DATA_FOLDER").pipe(Config.option)

/** Reads a file no larger than `limit` bytes (checked on its size first), or says what is wrong, naming it. */
const readLimited = async (file: string, shown: string): Promise<Either.Either<Uint8Array, string>> => {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return Either.left(`cannot read ${shown}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(e)}`)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) return Either.left(`${shown} is not a regular file`)
    if (stat.size > InputFiles.limits.fileBytes) return Either.left(`${shown} is ${stat.size} bytes, over the limit of ${InputFiles.limits.fileBytes} (8 MiB) an input file`)
    return Either.right(new Uint8Array(await handle.readFile()))
  } finally {
    await handle.close()
  }
}

/** `--file PATH`: the file under its own name. */
export const fromPath = (file: string): Effect.Effect<InputFiles.Content, string> =>
  Effect.flatMap(
    Effect.promise(() => readLimited(file, file)),
    Either.match({ onLeft: Effect.fail, onRight: (bytes) => Effect.succeed({ name: path.basename(file), bytes }) })
  )

/**
 * `--data-file NAME`: a file of the data folder, by a plain name; one that leads out of the folder (a link) is
 * refused, so a request can name the site's data and nothing else.
 */
export const fromDataFolder = (name: string): Effect.Effect<InputFiles.Content, string> =>
  Effect.gen(function* () {
    const folder = yield* Effect.orDie(dataFolder)
    if (Option.isNone(folder)) return yield* Effect.fail(`data file ${name}: no data folder is configured (PYEXEC_DATA_FOLDER)`)
    const problem = InputFiles.nameProblem(name)
    if (problem !== undefined) return yield* Effect.fail(`data file ${problem}`)
    const real = yield* Effect.promise(async () => {
      const [root, file] = await Promise.all([fs.realpath(folder.value), fs.realpath(path.join(folder.value, name)).catch(() => undefined)])
      return file !== undefined && path.dirname(file) === root ? file : undefined
    })
    if (real === undefined) return yield* Effect.fail(`data file ${name}: there is no such file in the data folder`)
    const bytes = yield* Effect.flatMap(
      Effect.promise(() => readLimited(real, `data file ${name}`)),
      Either.match({ onLeft: Effect.fail, onRight: Effect.succeed })
    )
    return { name, bytes }
  })

/**
 * The files as the request names them (none: no field), each stored by its SHA-256 first, so no worker finds a run
 * without its files; what is wrong with them (a string) fails before anything is stored.
 */
export const store = (contents: ReadonlyArray<InputFiles.Content>) =>
  Effect.gen(function* () {
    if (contents.length === 0) return {}
    const inputFiles = yield* Either.match(InputFiles.describe(contents), { onLeft: Effect.fail, onRight: Effect.succeed })
    const runs = yield* RunStore.RunStore
    yield* Effect.forEach(contents, (c) => runs.saveInputFile(c.bytes), { discard: true })
    return { inputFiles }
  })
