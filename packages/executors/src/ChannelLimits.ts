import * as fs from "node:fs/promises"
import { Errors } from "@pyexec/core"
import { Config, Effect, Option, Schema } from "effect"
import { parse as parseYaml } from "yaml"

const Channel = Schema.Struct({
  /** A PV name or a glob (`SR:Q*:CURRENT_SP`); the first channel that matches applies. */
  pattern: Schema.NonEmptyString,
  writable: Schema.optional(Schema.Boolean),
  min: Schema.optional(Schema.Number),
  max: Schema.optional(Schema.Number),
  /** The largest change from the value read just before the write. */
  maxStep: Schema.optional(Schema.Number.pipe(Schema.positive())),
  /**
   * Read back after each write and hold it to the value written: `readback` names the channel (a `*` takes what the
   * pattern's `*` matched: `SR:Q*:CURRENT_RB` for `SR:Q*:CURRENT_SP`; default the channel itself), within
   * `tolerance`, waiting up to `withinSeconds` for it to settle. A write whose readback stays outside fails the run.
   */
  verify: Schema.optional(
    Schema.Struct({
      readback: Schema.optional(Schema.NonEmptyString),
      tolerance: Schema.Number.pipe(Schema.nonNegative()),
      withinSeconds: Schema.optional(Schema.Number.pipe(Schema.nonNegative()))
    })
  )
})

/** Limits on what an approved run may write: the last guard between approved code and the machine. */
export const ChannelLimits = Schema.Struct({
  allowUnlisted: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  channels: Schema.Array(Channel)
})
export type ChannelLimits = typeof ChannelLimits.Type

/** The shape the runner reads from job.json. */
export const toRunner = (limits: ChannelLimits) => ({
  allow_unlisted: limits.allowUnlisted,
  channels: limits.channels.map((c) => ({
    pattern: c.pattern,
    writable: c.writable ?? true,
    ...(c.min !== undefined ? { min: c.min } : {}),
    ...(c.max !== undefined ? { max: c.max } : {}),
    ...(c.maxStep !== undefined ? { max_step: c.maxStep } : {}),
    ...(c.verify !== undefined
      ? { verify: { tolerance: c.verify.tolerance, within_s: c.verify.withinSeconds ?? 0, ...(c.verify.readback ? { readback: c.verify.readback } : {}) } }
      : {})
  }))
})

const invalid = (file: string, why: string) =>
  new Errors.ExecutorUnavailable({ reason: "misconfigured", message: `channel limits ${file}: ${why}`, codeMayHaveRun: false })

/** Reads a limits file (YAML or JSON); a bad one is a start-up error that says what is wrong. */
export const load = (file: string) =>
  Effect.tryPromise({ try: () => fs.readFile(file, "utf8"), catch: (e) => invalid(file, `cannot be read (${String(e)}): check PYEXEC_CHANNEL_LIMITS`) }).pipe(
    Effect.flatMap((text) => Effect.try({ try: () => parseYaml(text) as unknown, catch: (e) => invalid(file, `is not valid YAML or JSON: ${String(e)}`) })),
    Effect.flatMap((raw) => Schema.decodeUnknown(ChannelLimits, { onExcessProperty: "error" })(raw).pipe(Effect.mapError((e) => invalid(file, e.message))))
  )

/** PYEXEC_CHANNEL_LIMITS: a limits file, if the site has one. */
export const fromEnvironment = Effect.flatMap(Config.option(Config.nonEmptyString("PYEXEC_CHANNEL_LIMITS")), (file) =>
  Option.match(file, { onNone: () => Effect.succeed(undefined), onSome: load })
)
