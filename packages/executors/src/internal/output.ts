import { StringDecoder } from "node:string_decoder"
import { Writable } from "node:stream"
import type { RunOutput } from "@pyexec/core"

/** The marker that stands where output was cut; one place, so that every executor and test says the same. */
export const cutMarker = (dropped: number, max: number) => `\n[pyexec: ${dropped} bytes of output cut here (limit ${max} bytes)]\n`

/**
 * Keeps at most `max` bytes of a stream: all of it when it fits, else its first half and its last half, so that
 * both how the output began and how it ended (the last lines, the error) survive. The text says where and how
 * much was cut, on character boundaries.
 */
export const capped = (max: number) => {
  const headMax = Math.ceil(max / 2)
  const tailMax = max - headMax
  const head: Array<Buffer> = []
  let headSize = 0
  const tail: Array<Buffer> = []
  let tailSize = 0
  let dropped = 0
  return {
    push(chunk: Buffer) {
      if (headSize < headMax) {
        const kept = chunk.subarray(0, headMax - headSize)
        head.push(kept)
        headSize += kept.length
        chunk = chunk.subarray(kept.length)
      }
      if (chunk.length === 0) return
      tail.push(chunk)
      tailSize += chunk.length
      while (tailSize > tailMax) {
        const first = tail[0]!
        const excess = Math.min(first.length, tailSize - tailMax)
        if (excess === first.length) tail.shift()
        else tail[0] = first.subarray(excess)
        tailSize -= excess
        dropped += excess
      }
    },
    text: () => {
      if (dropped === 0) return Buffer.concat([...head, ...tail]).toString("utf8")
      const start = Buffer.concat(head)
      const end = Buffer.concat(tail)
      return wholeCharacters(start, "end") + cutMarker(dropped, max) + wholeCharacters(end, "start")
    },
    truncated: () => dropped > 0
  }
}

/** The text of bytes cut from a longer UTF-8 stream, without the part of a character the cut left at `side`. */
const wholeCharacters = (bytes: Buffer, side: "start" | "end") => {
  const continuation = (i: number) => (bytes[i]! & 0xc0) === 0x80
  if (side === "start") {
    let from = 0
    while (from < Math.min(bytes.length, 3) && continuation(from)) from++
    return bytes.subarray(from).toString("utf8")
  }
  // the last character's lead byte: keep it only if all of its bytes are there
  let lead = bytes.length - 1
  while (lead > 0 && bytes.length - lead < 4 && continuation(lead)) lead--
  const need = bytes[lead]! >= 0xf0 ? 4 : bytes[lead]! >= 0xe0 ? 3 : bytes[lead]! >= 0xc0 ? 2 : 1
  return bytes.subarray(0, lead + need <= bytes.length ? bytes.length : lead).toString("utf8")
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
