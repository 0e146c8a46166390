import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Errors, Executor } from "@pyexec/core"
import { Config, Effect, Layer, Option } from "effect"
import * as PidsCgroup from "./internal/pidsCgroup.js"
import { WarmRunner } from "./local/WarmRunner.js"
export { WarmRunner }
import { runProcess } from "./internal/process.js"
import { toExecutionResult } from "./internal/result.js"
import * as Profiles from "./Profiles.js"
import * as RunLimits from "./RunLimits.js"
import { defaultPreload, jobFile, runnerPath } from "./Runner.js"

export { defaultPreload }

export interface LocalExecutorOptions extends RunLimits.RunLimits {
  /** The Python interpreter that runs the runner and the code. */
  readonly python: string
  readonly profiles?: Profiles.Profiles | undefined
  /**
   * Fork each run from a warm Python that has these modules imported already (runner/pyexec_zygote.py),
   * instead of starting an interpreter per run. Undefined: a fresh interpreter per run.
   */
  readonly preload?: ReadonlyArray<string> | undefined
}

/** Writes the code and the runner's job file into the attempt's folder. */
const prepareWorkDir = (job: Executor.ExecutionJob, limits: RunLimits.RunLimits, pidsCgroup: string | undefined) =>
  Effect.tryPromise({
    try: async () => {
      await fs.mkdir(job.workDir, { recursive: true })
      await fs.writeFile(path.join(job.workDir, "code.py"), job.code, "utf8")
      await fs.writeFile(path.join(job.workDir, "job.json"), jobFile(job, limits, pidsCgroup), "utf8")
    },
    catch: (cause) =>
      new Errors.ExecutorUnavailable({
        reason: "misconfigured",
        message: `cannot prepare the execution folder ${job.workDir}: ${String(cause)}`,
        codeMayHaveRun: false,
        cause
      })
  })

/**
 * Runs the code on this host in a process group of its own. There is no container boundary here:
 * the profile is enforced by the runner's guards, and the limits by rlimits and the timer.
 */
/** `warm`: a WarmRunner for options.preload, whose life the caller owns (see `layer`). */
export const make = (options: LocalExecutorOptions, warm?: WarmRunner): Executor.Executor["Type"] => {
  const spawnError = (error: NodeJS.ErrnoException & { codeMayHaveRun?: boolean }) =>
    new Errors.ExecutorUnavailable({
      reason: error.codeMayHaveRun ? "lost" : "spawn-failed",
      message:
        error.code === "ENOENT"
          ? `Python interpreter '${options.python}' was not found: set PYEXEC_PYTHON to a Python 3 executable`
          : `cannot start '${options.python}': ${error.message}`,
      codeMayHaveRun: error.codeMayHaveRun ?? false,
      cause: error
    })

  const run = (job: Executor.ExecutionJob, pidsCgroup: string | undefined) =>
    Effect.gen(function* () {
      yield* prepareWorkDir(job, options, pidsCgroup)
      const env = Profiles.settings(options.profiles ?? Profiles.none, job.profile).env
      const spec = { workDir: job.workDir, env, timeoutMs: job.timeoutMs, maxOutputBytes: options.maxOutputBytes }
      const outcome = yield* warm
        ? Effect.tryPromise({ try: (abort) => warm.run(spec, abort), catch: (e) => spawnError(e as NodeJS.ErrnoException & { codeMayHaveRun?: boolean }) })
        : runProcess({ ...spec, command: options.python, args: [runnerPath, job.workDir], cwd: job.workDir }).pipe(Effect.mapError(spawnError))
      return yield* toExecutionResult(job.workDir, outcome)
    })

  return Executor.Executor.of({
    kind: "local",
    execute: (job) =>
      Effect.acquireUseRelease(
        Effect.promise(() => (options.maxProcesses ? PidsCgroup.create(options.maxProcesses) : Promise.resolve(undefined))),
        (cgroup) => run(job, cgroup?.path),
        (cgroup) => Effect.promise(() => cgroup?.remove() ?? Promise.resolve())
      )
  })
}

/** The warm Python, if the options ask for one, ended with the scope. */
export const scoped = (options: LocalExecutorOptions) =>
  Effect.map(
    options.preload
      ? Effect.acquireRelease(
          // started now, so that the preloading overlaps with generation and analysis
          Effect.sync(() => new WarmRunner(options.python, options.preload ?? []).start()),
          (warm) => Effect.sync(() => warm.close())
        )
      : Effect.succeed(undefined),
    (warm) => make(options, warm)
  )

export const layer = (options: Partial<LocalExecutorOptions> = {}) =>
  Layer.scoped(Executor.Executor, scoped({ python: "python3", ...RunLimits.defaults, ...options }))

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
