import { Schema } from "effect"

/**
 * How one write of a run ended, as the runner saw it:
 * - `refused`: the channel limits (or the approved plan) refused it; nothing was sent;
 * - `not-connected`: the channel did not connect; nothing was sent;
 * - `failed`: the put itself failed (an error, a negative status, a put-callback timeout);
 * - `sent`: the put left, without waiting for it to complete (`wait=False`);
 * - `completed`: the IOC reported the put complete (`wait=True`, put callback);
 * - `verified`: completed, and its readback came within the channel's tolerance;
 * - `verification-failed`: the readback stayed outside the tolerance;
 * - `readback-failed`: the readback could not be read;
 * - `planned`: in a preview, the write the code would make (nothing was sent).
 */
export const WriteState = Schema.Literal("refused", "not-connected", "failed", "sent", "completed", "verified", "verification-failed", "readback-failed", "planned")
export type WriteState = typeof WriteState.Type

/** One write a run attempted, in the order it made them. */
export const WriteRecord = Schema.Struct({
  channel: Schema.String,
  protocol: Schema.Literal("ca", "pva"),
  /** The client library the code wrote through (`pyepics`, `caproto`, `p4p`). */
  library: Schema.String,
  /** The value read just before the write; absent when it could not be read. */
  before: Schema.optional(Schema.Unknown),
  value: Schema.Unknown,
  /** When the write was made (ISO 8601). */
  at: Schema.String,
  state: WriteState,
  /** Why, for a write that did not hold: the error, the limit, the tolerance missed. */
  detail: Schema.optional(Schema.String),
  /** In a preview, with channel limits: the channel's limits in words, and whether the planned write is inside them. */
  limits: Schema.optional(Schema.Struct({ rule: Schema.String, within: Schema.Boolean })),
  /** What was read back to verify it, from which channel, with the readback's alarm. */
  readback: Schema.optional(
    Schema.Struct({
      channel: Schema.String,
      value: Schema.Unknown,
      tolerance: Schema.Number,
      alarm: Schema.optional(Schema.Struct({ status: Schema.String, severity: Schema.String }))
    })
  )
})
export type WriteRecord = typeof WriteRecord.Type

/**
 * The preview of a write run, made before it waits for approval: the code ran on the read-only path with its writes
 * recorded and not sent. Its planned writes are what the approval names and what the real run is held to.
 */
export const Preview = Schema.Struct({
  writes: Schema.Array(WriteRecord),
  /** Why the preview did not run through (the code failed, the executor was unavailable): a person reads the code. */
  error: Schema.optional(Schema.String),
  durationMs: Schema.Number
})
export type Preview = typeof Preview.Type

/**
 * The writes an approved run may make: every write of a preview that ran through (planned, or to a channel that did
 * not connect then: the approver saw that too); none without one.
 */
export const planOf = (preview: Preview | undefined): ReadonlyArray<{ readonly channel: string; readonly value: unknown }> | undefined =>
  preview === undefined || preview.error !== undefined ? undefined : preview.writes.map((w) => ({ channel: w.channel, value: w.value }))

const holding: ReadonlySet<WriteState> = new Set(["sent", "completed", "verified"])

/** A write the run can count as made: sent, completed, or verified where its channel asks for a readback. */
export const holds = (write: WriteRecord): boolean => holding.has(write.state)

/** The writes that did not hold, in order. */
export const failed = (writes: ReadonlyArray<WriteRecord>): ReadonlyArray<WriteRecord> => writes.filter((w) => !holds(w))

const shown = (value: unknown) => (value === undefined ? "?" : typeof value === "string" ? value : JSON.stringify(value))

const oneNumber = (value: unknown): number | undefined => {
  const one = Array.isArray(value) && value.length === 1 ? value[0] : value
  return typeof one === "number" ? one : undefined
}

/** The change a write makes from the value read before it (`+1.5`), when both are one number. */
export const change = (write: WriteRecord): string | undefined => {
  const [before, after] = [oneNumber(write.before), oneNumber(write.value)]
  if (before === undefined || after === undefined) return undefined
  const delta = Number((after - before).toPrecision(12))
  return delta >= 0 ? `+${delta}` : `${delta}`
}

/** A write as the columns of a table: channel, before, value, state, and why (change and limits, detail, readback). */
export const row = (write: WriteRecord): readonly [string, string, string, string, string] => [
  write.channel,
  shown(write.before),
  shown(write.value),
  write.state,
  [
    write.state === "planned" && change(write) !== undefined ? `change ${change(write)}` : undefined,
    write.limits ? `limits ${write.limits.rule} (${write.limits.within ? "inside" : "OUTSIDE"})` : undefined,
    write.detail,
    write.readback ? `readback ${write.readback.channel} = ${shown(write.readback.value)}${write.readback.alarm ? ` (${write.readback.alarm.severity})` : ""}` : undefined
  ]
    .filter((part) => part !== undefined)
    .join("; ")
]

export const columns = ["channel", "before", "written", "state", "detail"] as const

/** The writes as aligned lines of text, `channel  before -> written  state  detail`; `cut` shortens long cells. */
export const lines = (writes: ReadonlyArray<WriteRecord>, cut: (cell: string) => string = (cell) => cell): Array<string> => {
  const rows = writes.map((w) => row(w).map(cut))
  const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length))
  return rows.map(([channel, before, value, state, detail]) =>
    `${channel!.padEnd(width(0))}  ${before!.padStart(width(1))} -> ${value!.padEnd(width(2))}  ${state!.padEnd(width(3))}  ${detail}`.trimEnd()
  )
}

/** One line per write, for messages: `SR:Q01:CURRENT_SP := 12 (not-connected: ...)`. */
export const describe = (write: WriteRecord): string =>
  `${write.channel} := ${JSON.stringify(write.value)} (${write.state}${write.detail ? `: ${write.detail}` : ""})`
