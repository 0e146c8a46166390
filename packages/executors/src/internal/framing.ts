/** The length of the longest end of `data` that is the start of `marker` (and not all of it). */
const markerStartAtEnd = (data: Buffer, marker: Buffer) => {
  for (let keep = Math.min(marker.length - 1, data.length); keep > 0; keep--) {
    if (data.subarray(data.length - keep).equals(marker.subarray(0, keep))) return keep
  }
  return 0
}

/**
 * Splits a stream at the first occurrence of a marker: what comes before goes to `before`, the rest to
 * `after`. One docker exec then carries the code's stderr and, after the runner has ended, the tar of its
 * results: a second exec would cost as much as the run itself. The marker is random per run.
 *
 * Only an end of a chunk that may be the start of the marker is held back until the next chunk. `early`, when
 * given, hears what goes to `before` as soon as it can: also a held line end alone (the marker starts with one),
 * so a line is complete at once; if that line end turns out to start the marker, `early` heard one line end more.
 */
export const splitAt = (marker: Buffer, before: (chunk: Buffer) => void, after: (chunk: Buffer) => void, early?: (chunk: Buffer) => void) => {
  let held = Buffer.alloc(0)
  /** How many bytes at the start of `held` `early` has heard already. */
  let heard = 0
  let found = false
  const tell = (data: Buffer, end: number) => {
    if (early && end > heard) early(data.subarray(heard, end))
  }
  return {
    push(chunk: Buffer) {
      if (found) return after(chunk)
      const data = held.length ? Buffer.concat([held, chunk]) : chunk
      const at = data.indexOf(marker)
      if (at >= 0) {
        found = true
        if (at > 0) before(data.subarray(0, at))
        tell(data, at)
        if (data.length > at + marker.length) after(data.subarray(at + marker.length))
        held = Buffer.alloc(0)
        heard = 0
        return
      }
      const keep = markerStartAtEnd(data, marker)
      const sure = data.length - keep
      if (sure > 0) before(data.subarray(0, sure))
      tell(data, sure)
      heard = Math.max(0, heard - sure)
      held = Buffer.from(data.subarray(sure))
      if (early && heard === 0 && held.length === 1 && held[0] === marker[0]) {
        early(held)
        heard = 1
      }
    },
    /** Flushes a held tail when the stream ends without the marker. */
    end() {
      if (!found && held.length) {
        before(held)
        tell(held, held.length)
      }
      held = Buffer.alloc(0)
      heard = 0
    },
    found: () => found
  }
}
