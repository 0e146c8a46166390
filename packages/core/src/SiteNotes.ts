import * as fs from "node:fs/promises"
import { Config, Effect, Option, Schema } from "effect"

/**
 * A site's facts for the model: its PV names and what they hold, units, where data lives. A model cannot guess a
 * machine's names; PYEXEC_SITE_NOTES names a text file of them, which goes into every prompt.
 */

/** Every byte is prompt the model reads on every attempt: a catalogue larger than this belongs in a data file. */
export const maxBytes = 16 * 1024

/** The notes file could not be read or is not notes: start-up stops with its reason. */
export class SiteNotesError extends Schema.TaggedError<SiteNotesError>()("SiteNotesError", {
  message: Schema.String
}) {}

const invalid = (file: string, why: string) => new SiteNotesError({ message: `site notes ${file} (PYEXEC_SITE_NOTES): ${why}` })

/** Reads a notes file: text, not empty, at most `maxBytes`. */
export const load = (file: string) =>
  Effect.tryPromise({
    try: () => fs.readFile(file),
    catch: (e) => invalid(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `cannot be read (${String(e)})`)
  }).pipe(
    Effect.flatMap((bytes) => {
      if (bytes.length > maxBytes) return Effect.fail(invalid(file, `${bytes.length} bytes, more than the ${maxBytes} a prompt takes: keep the facts a request needs, and put tables in a data file`))
      if (bytes.includes(0)) return Effect.fail(invalid(file, "is not text"))
      const text = bytes.toString("utf8").trim()
      return text === "" ? Effect.fail(invalid(file, "is empty")) : Effect.succeed(text)
    })
  )

/** PYEXEC_SITE_NOTES: the site's notes, if it has them. */
export const fromEnvironment = Effect.flatMap(
  Config.option(Config.nonEmptyString("PYEXEC_SITE_NOTES")),
  (file) => Option.match(file, { onNone: () => Effect.succeedNone, onSome: (f) => Effect.asSome(load(f)) })
)
