import type { Errors } from "@pyexec/core"
import { Config, type ConfigError, Effect } from "effect"
import * as ChannelLimits from "./ChannelLimits.js"

/** What bounds a run, whichever executor runs it. The runner enforces the ones it is given in job.json. */
export interface RunLimits {
  /** Per stream; the rest is dropped and a marker says so. */
  readonly maxOutputBytes: number
  readonly maxFigures: number
  /** The code's address space; a larger allocation is a MemoryError in the code. */
  readonly maxMemoryBytes?: number | undefined
  /** Processes and threads the code may add (RLIMIT_NPROC); a fork bomb ends as an error in the code. */
  readonly maxProcesses?: number | undefined
  /** Checked by the runner on every write of an approved (write) run. */
  readonly channelLimits?: ChannelLimits.ChannelLimits | undefined
}

export const defaultMaxOutputBytes = 1024 * 1024
export const defaultMaxMemoryMb = 4096
export const defaults: RunLimits = {
  maxOutputBytes: defaultMaxOutputBytes,
  maxFigures: 20,
  maxMemoryBytes: defaultMaxMemoryMb * 1024 * 1024,
  maxProcesses: 256
}

const atLeast = (min: number, what: string) => Config.validate({ message: `must be ${what}, at least ${min}`, validation: (n: number) => n >= min })

/** PYEXEC_MAX_OUTPUT_BYTES, PYEXEC_MAX_FIGURES, PYEXEC_MAX_MEMORY_MB, PYEXEC_MAX_PROCESSES, PYEXEC_CHANNEL_LIMITS. */
export const fromEnvironment: Effect.Effect<RunLimits, ConfigError.ConfigError | Errors.ExecutorUnavailable> = Effect.gen(function* () {
  const maxOutputBytes = yield* Config.integer("PYEXEC_MAX_OUTPUT_BYTES").pipe(atLeast(1024, "a number of bytes"), Config.withDefault(defaultMaxOutputBytes))
  const maxFigures = yield* Config.integer("PYEXEC_MAX_FIGURES").pipe(atLeast(0, "a count"), Config.withDefault(20))
  const maxMemoryMb = yield* Config.integer("PYEXEC_MAX_MEMORY_MB").pipe(atLeast(256, "a number of MiB"), Config.withDefault(defaultMaxMemoryMb))
  const maxProcesses = yield* Config.integer("PYEXEC_MAX_PROCESSES").pipe(atLeast(8, "a count"), Config.withDefault(256))
  const channelLimits = yield* ChannelLimits.fromEnvironment
  return { maxOutputBytes, maxFigures, maxMemoryBytes: maxMemoryMb * 1024 * 1024, maxProcesses, channelLimits } satisfies RunLimits
})
