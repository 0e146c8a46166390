import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Errors, Executor } from "@pyexec/core"
import { Config, Effect, Layer, Option } from "effect"
import * as ChannelLimits from "./ChannelLimits.js"
import { runProcess } from "./internal/process.js"
import { toExecutionResult } from "./internal/result.js"
import { type RunnerJob, runnerPath } from "./Runner.js"

export interface LocalExecutorOptions {
  /** The Python interpreter that runs the runner and the code. */
  readonly python: string
  /** Per stream; the rest is dropped and a marker says so. */
  readonly maxOutputBytes: number
  readonly maxFigures: number
  /** The code's address space; a larger allocation is a MemoryError in the code. */
  readonly maxMemoryBytes?: number | undefined
  /** Checked by the runner on every write of an approved (write) run. */
  readonly channelLimits?: ChannelLimits.ChannelLimits | undefined
}

export const defaultMaxOutputBytes = 1024 * 1024
export const defaultMaxMemoryMb = 4096

/** Writes the code and the runner's job file into the attempt's folder. */
export const prepareWorkDir = (
  job: Executor.ExecutionJob,
  limits: Pick<LocalExecutorOptions, "maxFigures" | "maxMemoryBytes" | "channelLimits">
) =>
  Effect.tryPromise({
    try: async () => {
      await fs.mkdir(job.workDir, { recursive: true })
      await fs.writeFile(path.join(job.workDir, "code.py"), job.code, "utf8")
      const runnerJob: RunnerJob = {
        profile: job.profile,
        max_figures: limits.maxFigures,
        ...(limits.maxMemoryBytes ? { max_memory_bytes: limits.maxMemoryBytes } : {}),
        ...(limits.channelLimits ? { channel_limits: ChannelLimits.toRunner(limits.channelLimits) } : {})
      }
      await fs.writeFile(path.join(job.workDir, "job.json"), JSON.stringify(runnerJob), "utf8")
    },
    catch: (cause) =>
      new Errors.ExecutorUnavailable({
        reason: "misconfigured",
        message: `cannot prepare the execution folder ${job.workDir}: ${String(cause)}`,
        codeMayHaveRun: false,
        cause
      })
  })

export const make = (options: LocalExecutorOptions): Executor.Executor["Type"] =>
  Executor.Executor.of({
    kind: "local",
    execute: (job) =>
      Effect.gen(function* () {
        yield* prepareWorkDir(job, options)
        const outcome = yield* runProcess({
          command: options.python,
          args: [runnerPath, job.workDir],
          cwd: job.workDir,
          timeoutMs: job.timeoutMs,
          maxOutputBytes: options.maxOutputBytes
        }).pipe(
          Effect.mapError(
            (error) =>
              new Errors.ExecutorUnavailable({
                reason: "spawn-failed",
                message:
                  error.code === "ENOENT"
                    ? `Python interpreter '${options.python}' was not found: set PYEXEC_PYTHON to a Python 3 executable`
                    : `cannot start '${options.python}': ${error.message}`,
                codeMayHaveRun: false,
                cause: error
              })
          )
        )
        return yield* toExecutionResult(job.workDir, outcome)
      })
  })

export const layer = (options: Partial<LocalExecutorOptions> = {}) =>
  Layer.succeed(
    Executor.Executor,
    make({ python: "python3", maxOutputBytes: defaultMaxOutputBytes, maxFigures: 20, maxMemoryBytes: defaultMaxMemoryMb << 20, ...options })
  )

/** PYEXEC_PYTHON, else the active virtualenv's python (VIRTUAL_ENV), else `python3` on PATH. */
export const pythonConfig = Config.all({
  python: Config.option(Config.nonEmptyString("PYEXEC_PYTHON")),
  venv: Config.option(Config.nonEmptyString("VIRTUAL_ENV"))
}).pipe(
  Config.map(({ python, venv }) =>
    Option.getOrElse(
      Option.orElse(python, () => Option.map(venv, (v) => path.join(v, "bin", "python"))),
      () => "python3"
    )
  )
)

export const layerConfig = Layer.effect(
  Executor.Executor,
  Effect.gen(function* () {
    const python = yield* pythonConfig
    const maxOutputBytes = yield* Config.integer("PYEXEC_MAX_OUTPUT_BYTES").pipe(Config.withDefault(defaultMaxOutputBytes))
    const maxFigures = yield* Config.integer("PYEXEC_MAX_FIGURES").pipe(Config.withDefault(20))
    const maxMemoryMb = yield* Config.integer("PYEXEC_MAX_MEMORY_MB").pipe(
      Config.validate({ message: "must be a number of MiB, at least 256", validation: (n) => n >= 256 }),
      Config.withDefault(defaultMaxMemoryMb)
    )
    const channelLimits = yield* ChannelLimits.fromEnvironment
    return make({ python, maxOutputBytes, maxFigures, maxMemoryBytes: maxMemoryMb * 1024 * 1024, channelLimits })
  })
)
