import type { ExecutionResult } from "@pyexec/core"

/**
 * Writes the read-only gateway refused, as it logged them, kept for a while so that a run can be told of the
 * writes it tried even when its code swallowed the error. A refusal belongs to a run when it came while that run
 * was the only read-only run, or when it carries the client name the run announced (its USER, which the executor
 * sets per run). Code that forges another name while other runs are active only loses the message, not the
 * refusal: the gateway refused the write whatever the name.
 */
export interface Refusal {
  readonly pv: string
  readonly client: string
  readonly at: number
}

/** One run's time with the gateway. */
export interface RefusalWindow {
  /** The PVs whose writes were refused so far in the window, as far as they can be told to be this run's. */
  readonly refused: () => ReadonlyArray<string>
  readonly close: () => void
}

const line = /^pyexec-ca-gateway: refused \S+ to (\S+) from \S+ \(([^@)]*)@/
const kept = 1000

export class Refusals {
  private readonly seen: Array<Refusal> = []
  private readonly open = new Set<{ overlapped: boolean }>()

  /** `shared`: other processes' runs use the gateway too (a gateway container), so a refusal is a run's by its name only. */
  constructor(private readonly shared = false) {}

  /** Reads one line of the gateway's log; other lines pass to `next`. */
  readonly read = (text: string, next: (text: string) => void) => {
    const m = line.exec(text)
    if (!m) return next(text)
    this.seen.push({ pv: m[1]!, client: m[2]!, at: Date.now() })
    if (this.seen.length > kept) this.seen.splice(0, this.seen.length - kept)
  }

  window(client: string): RefusalWindow {
    const since = Date.now()
    const mine = { overlapped: this.shared || this.open.size > 0 }
    for (const other of this.open) other.overlapped = true
    this.open.add(mine)
    return {
      refused: () => {
        const found = this.seen.filter((r) => r.at >= since && (!mine.overlapped || r.client === client))
        return [...new Set(found.map((r) => r.pv))]
      },
      close: () => void this.open.delete(mine)
    }
  }
}

/** The user name a run announces to the gateway. */
export const clientName = (id: number | string) => `pyexec-run-${id}`

/**
 * The result, told what the gateway refused: a line on stderr per PV, and, where the code ended without an error
 * (it caught the refusal), the run fails with EpicsWriteRefused as the in-process guard has it.
 */
export const withRefusals = (result: ExecutionResult.ExecutionResult, pvs: ReadonlyArray<string>): ExecutionResult.ExecutionResult => {
  if (pvs.length === 0) return result
  const message = `the read-only gateway refused a write to ${pvs.join(", ")}: this run is read-only; an EPICS write needs a run whose code was approved`
  return {
    ...result,
    stderr: `${result.stderr}${result.stderr.endsWith("\n") || result.stderr === "" ? "" : "\n"}pyexec: ${message}\n`,
    error: result.error ?? { type: "EpicsWriteRefused", message, traceback: `EpicsWriteRefused: ${message}` }
  }
}
