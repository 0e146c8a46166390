import { isUtf8 } from "node:buffer"
import * as fs from "node:fs/promises"
import { Effect } from "effect"

/** Files larger than this are not read: 10 MiB, far beyond any script a person reviews. */
export const defaultMaxBytes = 10 * 1024 * 1024

/** A file's text, or why it could not be had (a sentence that says what to do). */
export type SourceText = { readonly file: string; readonly text: string } | { readonly file: string; readonly unreadable: string }

const sizeOf = (bytes: number) =>
  bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`

/** The 1-based line holding the first byte that is not UTF-8; a newline byte is never part of a longer character. */
const firstBadLine = (bytes: Uint8Array): number => {
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue
    if (!isUtf8(bytes.subarray(start, i))) return line
    line++
    start = i + 1
  }
  return 1
}

/** At most `limit` bytes, or undefined when there are more: a device or a pipe has no size to check first. */
const readAtMost = async (handle: fs.FileHandle, limit: number): Promise<Buffer | undefined> => {
  const chunks: Array<Buffer> = []
  let total = 0
  while (total <= limit) {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, null)
    if (bytesRead === 0) return Buffer.concat(chunks)
    chunks.push(buffer.subarray(0, bytesRead))
    total += bytesRead
  }
  return undefined
}

const read = async (file: string, maxBytes: number): Promise<SourceText> => {
  const tooLarge = (size: string) => ({ file, unreadable: `the file is ${size} and was not analysed: split it into smaller files` })
  const handle = await fs.open(file, "r")
  try {
    const stat = await handle.stat()
    if (stat.isFile() && stat.size > maxBytes) return tooLarge(`${sizeOf(stat.size)}, over the ${sizeOf(maxBytes)} limit,`)
    const bytes = await readAtMost(handle, maxBytes)
    if (bytes === undefined) return tooLarge(`over the ${sizeOf(maxBytes)} limit`)
    try {
      return { file, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) }
    } catch {
      const line = firstBadLine(bytes)
      return { file, unreadable: `the file is not UTF-8 text (first bad byte on line ${line}) and was not analysed: save it as UTF-8` }
    }
  } finally {
    await handle.close()
  }
}

/** Reads a file as strict UTF-8 (a byte-order mark is dropped). Never fails: what cannot be read is said in `unreadable`. */
export const readSource = (file: string, maxBytes: number = defaultMaxBytes): Effect.Effect<SourceText> =>
  Effect.promise(() =>
    read(file, maxBytes).catch((error: NodeJS.ErrnoException): SourceText => ({
      file,
      unreadable: `the file cannot be read (${error.code ?? error.message}) and was not analysed: make it readable for this user`
    }))
  )
