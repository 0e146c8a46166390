import { Writable } from "node:stream"

/** Keeps the first `max` bytes of a stream and drops the rest; the text ends with a marker when it was cut. */
export const capped = (max: number) => {
  const chunks: Array<Buffer> = []
  let size = 0
  let truncated = false
  return {
    push(chunk: Buffer) {
      if (size >= max) {
        truncated ||= chunk.length > 0
        return
      }
      const room = max - size
      if (chunk.length > room) truncated = true
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
      chunks.push(kept)
      size += kept.length
    },
    text: () => Buffer.concat(chunks).toString("utf8") + (truncated ? `\n[pyexec: output truncated at ${max} bytes]\n` : ""),
    truncated: () => truncated
  }
}

export type Capped = ReturnType<typeof capped>

/** The two captured streams, as a ProcessOutcome carries them. */
export const streams = (stdout: Capped, stderr: Capped) => ({
  stdout: stdout.text(),
  stderr: stderr.text(),
  stdoutTruncated: stdout.truncated(),
  stderrTruncated: stderr.truncated()
})

/** A Writable that hands each chunk to `out` (a capped buffer, or a splitter in front of one). */
export const sink = (out: { push(chunk: Buffer): void }) =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk)
      done()
    }
  })
