import * as fs from "node:fs/promises"
import * as path from "node:path"
import { type Approval, Errors, Executor, RunEnvironment } from "@pyexec/core"
import { Effect, Layer, type Scope } from "effect"
import { type ProcessOutcome, runProcess } from "./internal/process.js"
import { toExecutionResult } from "./internal/result.js"
import { runEnvironment } from "./local/environment.js"
import * as RunCgroup from "./local/RunCgroup.js"
import * as Sandbox from "./local/Sandbox.js"
import { directLaunch, sandboxedZygote, WarmRunner } from "./local/WarmRunner.js"
import * as Profiles from "./Profiles.js"
import * as ReadOnlyPath from "./gateway/ReadOnlyPath.js"
import { clientName, withRefusals } from "./gateway/Refusals.js"
import * as RunLimits from "./RunLimits.js"
import { defaultPreload, jobFile, runnerPath } from "./Runner.js"

export { defaultPreload, WarmRunner }

export interface LocalExecutorOptions extends RunLimits.RunLimits {
  /** The Python interpreter that runs the runner and the code. */
  readonly python: string
  readonly profiles?: Profiles.Profiles | undefined
  /**
   * Fork each run from a warm Python that has these modules imported already (runner/pyexec_zygote.py),
   * instead of starting an interpreter per run. Undefined: a fresh interpreter per run.
   */
  readonly preload?: ReadonlyArray<string> | undefined
  /** Folders of this host every sandboxed run sees at the same path (PYEXEC_SHARED_FOLDERS). */
  readonly sharedFolders?: ReadonlyArray<Sandbox.SharedFolder> | undefined
  /** `auto` (default): the sandbox where this host can build it; `off`: none, and every run needs approval. */
  readonly sandbox?: "auto" | "off" | undefined
  /**
   * What the read-only gateways read from (EPICS_* settings); default: this process's own. A site with a
   * read-only gateway of its own names it here.
   */
  readonly gatewayUpstream?: Readonly<Record<string, string>> | undefined
}

/** The sandbox a run goes into, when this host can build it. */
export interface LocalBoundary {
  readonly host: Sandbox.SandboxHost
  /** The network namespace of read-only runs: its only endpoints are the read-only gateways. */
  readonly readOnly: ReadOnlyPath.ReadOnlyPath
  readonly uids: Sandbox.UidPool
}

export interface LocalRuntime {
  /** A warm Python per profile, whose life the caller owns (see `scoped`). */
  readonly warm?: Partial<Record<Approval.ExecutionProfile, WarmRunner>> | undefined
  readonly boundary?: LocalBoundary | undefined
  /** Why there is no boundary, when there is none. */
  readonly noBoundary?: string | undefined
}

const misconfigured = (message: string, cause?: unknown) =>
  new Errors.ExecutorUnavailable({ reason: "misconfigured", message, codeMayHaveRun: false, ...(cause !== undefined ? { cause } : {}) })

/** Writes the code, its input files and the runner's job file into a folder, owned by `uid` when the run gets a user of its own. */
const writeJob = async (dir: string, job: Executor.ExecutionJob, jobText: string, uid?: number) => {
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(path.join(dir, "code.py"), job.code, "utf8")
  for (const file of job.inputFiles ?? []) await fs.writeFile(path.join(dir, file.name), file.bytes, { mode: 0o644 })
  // root's: the runner reads it before it becomes the run's user, and the code cannot change it
  await fs.writeFile(path.join(dir, "job.json"), jobText, { encoding: "utf8", mode: 0o644 })
  if (uid !== undefined) await fs.chown(path.join(dir, "code.py"), uid, uid)
}

const pathOf = (python: string) => `${path.dirname(python)}:/usr/local/bin:/usr/bin:/bin`

/**
 * Runs the code on this host. Where the host allows it (root, bubblewrap, cgroups) each run is inside the
 * sandbox (local/Sandbox.ts): its own user, file system view, cgroup and, when read-only, a network that reaches
 * only the read-only gateways. Without it, the runner's in-process guards are all there is, and the executor
 * says so: every run then needs approval.
 */
export const make = (options: LocalExecutorOptions, runtime: LocalRuntime = {}): Executor.Executor["Type"] => {
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
  const boundary = runtime.boundary

  const start = (
    job: Executor.ExecutionJob,
    runDir: string,
    env: Record<string, string>,
    cgroup: RunCgroup.RunCgroup | undefined
  ): Effect.Effect<ProcessOutcome, Errors.ExecutorUnavailable> => {
    const spec = { workDir: runDir, env, timeoutMs: job.timeoutMs, maxOutputBytes: options.maxOutputBytes, onOutput: job.onOutput }
    // a preview starts cold: the warm Pythons see the shared folders as the site gave them, a preview only reads them
    const warm = job.preview ? undefined : runtime.warm?.[job.profile]
    if (warm) {
      // inside the sandbox the zygote's pids are not this host's: the run's cgroup is how it is ended
      const kill = boundary && cgroup ? () => void cgroup.kill().catch(() => undefined) : undefined
      return Effect.tryPromise({
        try: (abort) => warm.run({ ...spec, kill }, abort),
        catch: (e) => spawnError(e as NodeJS.ErrnoException & { codeMayHaveRun?: boolean })
      })
    }
    const argv = [boundary?.host.python ?? options.python, runnerPath, runDir]
    const launch = boundary
      ? Sandbox.command(boundary.host, argv, env, job.profile === "read-only" ? boundary.readOnly.netns : undefined, job.preview === true)
      : { command: argv[0]!, args: argv.slice(1) }
    return runProcess({ ...spec, ...launch, cwd: boundary ? "/" : runDir }).pipe(Effect.mapError(spawnError))
  }

  const execute = (job: Executor.ExecutionJob) =>
    Effect.gen(function* () {
      const cgroup = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => RunCgroup.create({ memoryBytes: options.maxMemoryBytes, maxProcesses: options.maxProcesses }),
          catch: (e) => misconfigured(`cannot make the run's cgroup: ${String(e)}`, e)
        }),
        (c) => Effect.promise(() => c?.remove() ?? Promise.resolve())
      )
      // inside the sandbox, the cgroup is how the run's processes are found and ended: no cgroup, no run
      if (boundary && !cgroup) return yield* misconfigured("the run's cgroup could not be made: the sandbox cannot end what the code starts")
      const uid = boundary ? yield* Effect.acquireRelease(Effect.sync(() => boundary.uids.take()), (u) => Effect.sync(() => boundary.uids.give(u))) : undefined
      const jobText = jobFile(job, options, { cgroupProcs: cgroup?.procsFiles ?? [], uid })
      const runDir =
        boundary && uid !== undefined
          ? yield* Effect.acquireRelease(
              Effect.tryPromise({ try: () => Sandbox.makeRunDir(boundary.host, uid), catch: (e) => misconfigured(`cannot make the run's folder: ${String(e)}`, e) }),
              (dir) => Effect.promise(() => Sandbox.removeRunDir(dir))
            )
          : job.workDir
      yield* Effect.tryPromise({
        try: async () => {
          await writeJob(job.workDir, job, jobText)
          if (runDir !== job.workDir) await writeJob(runDir, job, jobText, uid)
        },
        catch: (cause) => misconfigured(`cannot prepare the execution folder ${job.workDir}: ${String(cause)}`, cause)
      })
      const client = clientName(uid ?? process.pid)
      const env = runEnvironment({
        profile: job.profile,
        user: client,
        // unsandboxed, the interpreter is looked up on the server's PATH (a virtualenv's bin first, as a shell has it)
        path: boundary ? pathOf(boundary.host.python) : (process.env.PATH ?? pathOf(options.python)),
        home: runDir,
        profileEnv: Profiles.settings(options.profiles ?? Profiles.none, job.profile).env,
        gatewayEnv: boundary?.readOnly.clientEnv,
        server: process.env
      })
      const refusals =
        job.profile === "read-only" && boundary
          ? yield* Effect.acquireRelease(Effect.sync(() => boundary.readOnly.refusals.window(client)), (w) => Effect.sync(() => w.close()))
          : undefined
      const outcome = yield* start(job, runDir, env, cgroup).pipe(
        // nothing the code started outlives the run: its cgroup is emptied before the result is read
        Effect.ensuring(Effect.promise(() => cgroup?.kill().catch(() => undefined) ?? Promise.resolve()))
      )
      if (runDir !== job.workDir) {
        // what could not be copied is missing from the result, which says so; the run itself stands
        yield* Effect.promise(() => Sandbox.collect(runDir, job.workDir, 256 * 1024 * 1024).catch((e) => process.stderr.write(`pyexec: the results of ${runDir} could not be read back: ${e}\n`)))
      }
      const result = yield* toExecutionResult(job.workDir, outcome)
      return refusals ? withRefusals(result, refusals.refused()) : result
    }).pipe(Effect.scoped)

  return Executor.Executor.of({
    kind: "local",
    readOnlyBoundary: boundary
      ? { _tag: "enforced", detail: `sandbox (bubblewrap, a user and a cgroup per run); read-only runs reach only ${boundary.readOnly.description}` }
      : { _tag: "missing", reason: runtime.noBoundary ?? "the local executor was made without its sandbox" },
    execute,
    environment: RunEnvironment.probing(execute),
    problems: () => (boundary ? Effect.promise(() => boundary.readOnly.unanswered()) : Effect.succeed([]))
  })
}

/** A warm Python started on this host without the sandbox, with the environment runs get (the allow-list). */
export const unsandboxedWarm = (python: string, preload: ReadonlyArray<string>) =>
  new WarmRunner(directLaunch(python, preload, runEnvironment({ profile: "write", path: process.env.PATH ?? pathOf(python), home: "/tmp", user: "pyexec", profileEnv: {}, server: process.env })))

/** The sandbox, the read-only path and the warm Pythons, as the options ask, ended with the scope. */
export const scoped = (options: LocalExecutorOptions): Effect.Effect<Executor.Executor["Type"], never, Scope.Scope> =>
  Effect.gen(function* () {
    const probe: Sandbox.Probe =
      options.sandbox === "off" ? { _tag: "unavailable", reason: "the sandbox is switched off (sandbox: off)" } : yield* Effect.promise(() => Sandbox.probe(options.python, options.sharedFolders))
    const preload = options.preload
    const withoutBoundary = (reason: string) =>
      Effect.gen(function* () {
        yield* Effect.logWarning(`local executor: no read-only boundary (${reason}); every run needs approval`)
        const warm = preload
          ? yield* Effect.acquireRelease(Effect.sync(() => unsandboxedWarm(options.python, preload).start()), (w) => Effect.sync(() => w.close()))
          : undefined
        return make(options, { warm: warm ? { "read-only": warm, write: warm } : undefined, noBoundary: reason })
      })
    if (probe._tag === "unavailable") return yield* withoutBoundary(probe.reason)
    const host = probe.host
    const opened = yield* Effect.either(ReadOnlyPath.open({ python: host.python, upstreamEnv: options.gatewayUpstream }))
    if (opened._tag === "Left") return yield* withoutBoundary(opened.left.message)
    const readOnly = opened.right
    const boundary: LocalBoundary = { host, readOnly, uids: new Sandbox.UidPool() }
    if (!preload) return make(options, { boundary })
    const zygote = sandboxedZygote(host.python, preload)
    const baseEnv = { PATH: pathOf(host.python), HOME: "/tmp", MPLBACKEND: "Agg", MPLCONFIGDIR: "/tmp/matplotlib", ...zygote.env }
    const warmFor = (netns: string | undefined) =>
      Effect.acquireRelease(
        // started now, so that the preloading overlaps with generation and analysis
        Effect.sync(() => new WarmRunner({ ...Sandbox.command(host, zygote.argv, baseEnv, netns), env: {} }).start()),
        (w) => Effect.sync(() => w.close())
      )
    const warm = { "read-only": yield* warmFor(readOnly.netns), write: yield* warmFor(undefined) }
    return make(options, { boundary, warm })
  })

export const layer = (options: Partial<LocalExecutorOptions> = {}) =>
  Layer.scoped(Executor.Executor, scoped({ python: "python3", ...RunLimits.defaults, ...options }))
