import { StringDecoder } from "node:string_decoder"
import { Writable } from "node:stream"
import type { RunOutput } from "@pyexec/core"

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

/**
 * The job's live hook for both streams: bytes in, UTF-8 text out as it comes (a character cut between reads waits
 * for its rest). After `close` nothing more is told, so no output reaches the hook once the run has ended. What
 * the hook throws is ignored: live output never fails a run.
 */
export const live = (onOutput: ((chunk: RunOutput.Chunk) => void) | undefined) => {
  let closed = onOutput === undefined
  const stream = (name: RunOutput.Stream) => {
    const decoder = new StringDecoder("utf8")
    const tell = (text: string) => {
      if (closed || text === "") return
      try {
        onOutput?.({ stream: name, text })
      } catch {
        // the hook's failure is its own
      }
    }
    return {
      push: (chunk: Buffer) => {
        if (!closed) tell(decoder.write(chunk))
      },
      flush: () => tell(decoder.end())
    }
  }
  const stdout = stream("stdout")
  const stderr = stream("stderr")
  return {
    stdout,
    stderr,
    /** Tells what a decoder still holds, then nothing more. */
    close() {
      stdout.flush()
      stderr.flush()
      closed = true
    }
  }
}

export type Live = ReturnType<typeof live>

/** One chunk to several consumers (a capture and the live hook). */
export const both = (...outs: ReadonlyArray<{ push(chunk: Buffer): void }>) => ({
  push(chunk: Buffer) {
    for (const out of outs) out.push(chunk)
  }
})
