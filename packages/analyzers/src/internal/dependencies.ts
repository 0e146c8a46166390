/** A part of the code the flow visits as one unit; `stale` when a cell it read has changed since its last visit. */
export interface Part {
  stale: boolean
}

/** Something of the model that parts of the code read (what a name is bound to, what a function returns…). */
export interface Cell<P extends Part> {
  /** The parts that read it, once each. */
  readers: Set<P> | undefined
}

/**
 * Which parts of the code read which cells of the model. A pass over the code then re-visits only the
 * parts whose inputs changed since their last visit: visiting a part again with the same inputs binds
 * nothing new, so skipping it leaves every pass's outcome, and the number of passes, as they were.
 */
export class Dependencies<P extends Part> {
  private visiting: P | undefined

  /** The part being visited (undefined: reads are not recorded). */
  visit(part: P | undefined): void {
    this.visiting = part
  }

  read(cell: Cell<P>): void {
    if (this.visiting === undefined) return
    if (cell.readers === undefined) cell.readers = new Set()
    cell.readers.add(this.visiting)
  }

  changed(cell: Cell<P>): void {
    if (cell.readers) for (const part of cell.readers) part.stale = true
  }
}
