/** A part of the code the flow visits as one unit; `stale` when a key it read has changed since its last visit. */
export interface Part {
  stale: boolean
}

/**
 * Which parts of the code read which keys of the model. A pass over the code then re-visits only the
 * parts whose inputs changed since their last visit: visiting a part again with the same inputs binds
 * nothing new, so skipping it leaves every pass's outcome, and the number of passes, as they were.
 */
export class Dependencies<P extends Part> {
  private readonly readers = new Map<string, Set<P>>()
  private visiting: P | undefined

  /** The part being visited (undefined: reads are not recorded). */
  visit(part: P | undefined): void {
    this.visiting = part
  }

  read(key: string): void {
    if (this.visiting === undefined) return
    let parts = this.readers.get(key)
    if (!parts) {
      parts = new Set()
      this.readers.set(key, parts)
    }
    parts.add(this.visiting)
  }

  changed(key: string): void {
    const parts = this.readers.get(key)
    if (parts) for (const part of parts) part.stale = true
  }
}
