/**
 * Splits a stream at the first occurrence of a marker: what comes before goes to `before`, the rest to
 * `after`. One docker exec then carries the code's stderr and, after the runner has ended, the tar of its
 * results: a second exec would cost as much as the run itself. The marker is random per run.
 */
export const splitAt = (marker: Buffer, before: (chunk: Buffer) => void, after: (chunk: Buffer) => void) => {
  let held = Buffer.alloc(0)
  let found = false
  return {
    push(chunk: Buffer) {
      if (found) return after(chunk)
      const data = held.length ? Buffer.concat([held, chunk]) : chunk
      const at = data.indexOf(marker)
      if (at >= 0) {
        found = true
        if (at > 0) before(data.subarray(0, at))
        if (data.length > at + marker.length) after(data.subarray(at + marker.length))
        held = Buffer.alloc(0)
        return
      }
      // keep a tail that may be the start of a marker cut across chunks
      const keep = Math.min(marker.length - 1, data.length)
      if (data.length > keep) before(data.subarray(0, data.length - keep))
      held = Buffer.from(data.subarray(data.length - keep))
    },
    /** Flushes a held tail when the stream ends without the marker. */
    end() {
      if (!found && held.length) before(held)
      held = Buffer.alloc(0)
    },
    found: () => found
  }
}
