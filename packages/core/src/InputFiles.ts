import { createHash } from "node:crypto"
import { Either, Schema } from "effect"

/**
 * A request's input files: data the code reads (an archiver export, a CSV), put in the attempt's folder before the
 * code runs. The request holds each file's name, size and SHA-256; the bytes are stored once, by their SHA-256
 * (RunStore.saveInputFile), so a run's files cannot change after it was made, and the runner reads a file only if it
 * has that SHA-256 (else nothing runs).
 */

/** 16 files, 8 MiB each, 16 MiB in all: the data of an analysis, not an archive (larger data stays on the site's share). */
export const limits = { count: 16, fileBytes: 8 * 1024 * 1024, totalBytes: 16 * 1024 * 1024 } as const

/** What the runner writes into the folder itself, and folders it uses: an input file may not take these names. */
const reserved = new Set(["code.py", "job.json", "env.json", "manifest.json", "writes.jsonl", "sandbox.json", "figures"])

/** What is wrong with a file's name, or undefined: a plain name in the folder (no path, no dot-file). */
export const nameProblem = (name: string): string | undefined => {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    return `'${name}': an input file's name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (no folders, no dot-files)`
  if (reserved.has(name) || name.endsWith(".tmp")) return `'${name}' is a name pyexec uses in the run's folder: rename the file`
  return undefined
}

const Sha256 = Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/))

export const InputFile = Schema.Struct({
  name: Schema.String.pipe(Schema.filter((name) => nameProblem(name) ?? true)),
  size: Schema.Int.pipe(Schema.between(0, limits.fileBytes)),
  sha256: Sha256,
  /** The first line of a text file (a CSV's header), for the prompt and the reviewer. */
  firstLine: Schema.optional(Schema.String)
})
export type InputFile = typeof InputFile.Type

const countProblem = (files: ReadonlyArray<{ readonly name: string }>): string | undefined => {
  if (files.length > limits.count) return `a request may carry at most ${limits.count} input files (it has ${files.length})`
  const names = files.map((f) => f.name)
  const twice = names.find((name, i) => names.indexOf(name) !== i)
  return twice === undefined ? undefined : `two input files are named '${twice}': each file needs its own name`
}

const totalProblem = (sizes: ReadonlyArray<number>): string | undefined => {
  const total = sizes.reduce((a, b) => a + b, 0)
  return total > limits.totalBytes ? `the input files take ${total} bytes, over the limit of ${limits.totalBytes} (16 MiB) in all` : undefined
}

export const InputFiles = Schema.Array(InputFile).pipe(
  Schema.filter((files) => countProblem(files) ?? totalProblem(files.map((f) => f.size)) ?? true)
)

/** A file's name and bytes, as a person gives it (a CLI path, a base64 field of the API, the data folder). */
export interface Content {
  readonly name: string
  readonly bytes: Uint8Array
}

export const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

const maxFirstLine = 300

/** The first line, when the file starts as UTF-8 text: a CSV's header says what its columns are. */
const firstLineOf = (bytes: Uint8Array): string | undefined => {
  const head = bytes.subarray(0, 4096)
  const newline = head.indexOf(0x0a)
  try {
    const line = new TextDecoder("utf-8", { fatal: true }).decode(newline >= 0 ? head.subarray(0, newline) : head).replace(/\r$/, "")
    // a NUL says binary; a line cut inside a character at 4096 bytes fails the decoder and gives none, which is fine
    return line.includes("\u0000") ? undefined : line.length > maxFirstLine ? `${line.slice(0, maxFirstLine)}…` : line
  } catch {
    return undefined
  }
}

/** The files as a request names them, or what is wrong with them (one line, naming the file). */
export const describe = (contents: ReadonlyArray<Content>): Either.Either<ReadonlyArray<InputFile>, string> => {
  for (const { name, bytes } of contents) {
    const problem = nameProblem(name)
    if (problem !== undefined) return Either.left(problem)
    if (bytes.length > limits.fileBytes) return Either.left(`input file '${name}' is ${bytes.length} bytes, over the limit of ${limits.fileBytes} (8 MiB) a file`)
  }
  const problem = countProblem(contents) ?? totalProblem(contents.map((c) => c.bytes.length))
  if (problem !== undefined) return Either.left(problem)
  return Either.right(
    contents.map(({ name, bytes }) => {
      const firstLine = firstLineOf(bytes)
      return { name, size: bytes.length, sha256: sha256Of(bytes), ...(firstLine !== undefined ? { firstLine } : {}) }
    })
  )
}

/** A file ready for the executor: its bytes, checked against the SHA-256 the request holds. */
export interface Loaded {
  readonly name: string
  readonly sha256: string
  readonly bytes: Uint8Array
}
