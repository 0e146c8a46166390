import { Either, Schema } from "effect"
import type { ExecutionRequest } from "./ExecutionRequest.js"
import { RunId } from "./Ids.js"
import { currentAttempt, type Run } from "./Run.js"
import { isEnded } from "./RunStatus.js"
import type { WriteRecord, WriteState } from "./WriteLedger.js"

/** A run whose write ledger holds nothing to put back. */
export class NothingToRestore extends Schema.TaggedError<NothingToRestore>()("NothingToRestore", {
  runId: RunId,
  message: Schema.String
}) {}

/** Writes that may have changed the machine: what a restore puts back. */
const mayHaveChanged: ReadonlySet<WriteState> = new Set(["sent", "completed", "verified", "verification-failed", "readback-failed"])

const python = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value).replace(/\btrue\b/g, "True").replace(/\bfalse\b/g, "False").replace(/\bnull\b/g, "None"))

/** Each channel the run wrote, with the value read before its first write; channels with no such value apart. */
const firstWrites = (writes: ReadonlyArray<WriteRecord>) => {
  const seen = new Map<string, WriteRecord>()
  for (const w of writes) if (mayHaveChanged.has(w.state) && !seen.has(w.channel)) seen.set(w.channel, w)
  const all = [...seen.values()]
  return { known: all.filter((w) => w.before !== undefined), unknown: all.filter((w) => w.before === undefined) }
}

const writeLine = (w: WriteRecord) =>
  w.protocol === "pva" ? `pva.put(${JSON.stringify(w.channel)}, ${python(w.before)})` : `epics.caput(${JSON.stringify(w.channel)}, ${python(w.before)}, wait=True)`

/** Whether a restore of the run can be asked for: it ended, and its ledger holds a write with a value to go back to. */
export const restorable = (run: Run): boolean => isEnded(run.status) && firstWrites(currentAttempt(run)?.result?.writes ?? []).known.length > 0

/**
 * The request that puts every channel a finished write run changed back to the value it read before its first write
 * there: a write run of its own, analyzed, previewed and approved like any other, linked to the original.
 */
export const requestFor = (run: Run, requester: string): Either.Either<ExecutionRequest, NothingToRestore> => {
  const { known, unknown } = firstWrites(currentAttempt(run)?.result?.writes ?? [])
  if (known.length === 0) {
    const why = unknown.length > 0 ? `the values before its writes to ${unknown.map((w) => w.channel).join(", ")} were not read` : "its write ledger holds no write that may have changed the machine"
    return Either.left(new NothingToRestore({ runId: run.id, message: `run ${run.id} has nothing to restore: ${why}` }))
  }
  const lines = [
    `# Restore of run ${run.id}: every channel it wrote, back to the value read before its first write there.`,
    ...unknown.map((w) => `# ${w.channel}: not restored, its value before the write was not read`),
    ...(known.some((w) => w.protocol === "ca") ? ["import epics"] : []),
    ...(known.some((w) => w.protocol === "pva") ? ["from p4p.client.thread import Context", 'pva = Context("pva")'] : []),
    ...known.map(writeLine),
    `results = {"restored": ${JSON.stringify(known.map((w) => w.channel))}, "of_run": ${JSON.stringify(run.id)}}`
  ]
  return Either.right({ code: `${lines.join("\n")}\n`, requester, restores: run.id, query: `restore the writes of run ${run.id}` })
}
