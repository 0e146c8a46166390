import { randomBytes } from "node:crypto"
import { Errors, Executor, RunEnvironment } from "@pyexec/core"
import { Effect, Layer, type Scope } from "effect"
import { bundle } from "./internal/bundle.js"
import type { ProcessOutcome } from "./internal/process.js"
import { toExecutionResult } from "./internal/result.js"
import { withRefusals } from "./gateway/Refusals.js"
import * as Profiles from "./Profiles.js"
import type { RunLimits } from "./RunLimits.js"
import { allowedHosts, RoundRobin } from "./ssh/choose.js"
import { HostConnections } from "./ssh/connection.js"
import { connectError, lost, unavailable } from "./ssh/errors.js"
import { type Announce, type RemoteRunSpec, type RunEnd, startRun } from "./ssh/run.js"
import { boundaryOf, problemOf, readReport, SandboxChecks } from "./ssh/sandbox.js"
import { badEnvNames, killScript, runScript, setupFailures } from "./ssh/script.js"
import type { SshHost as Host } from "./ssh/SshHost.js"

export { address, Fingerprint, HostKey, SshHost, SshHosts, SshSandbox } from "./ssh/SshHost.js"

export interface SshExecutorOptions extends RunLimits {
  /** Where runs go, in turns among those the job's profile allows (its `hosts`; default all). */
  readonly hosts: ReadonlyArray<Host>
  readonly profiles: Profiles.Profiles
  /** Bytes of manifest and figures a run may send back (default 256 MiB). */
  readonly maxResultBytes?: number | undefined
  /** TCP connect, SSH handshake and login (default 10 s). */
  readonly connectTimeoutMs?: number | undefined
  /** SSH keepalives; three unanswered ones drop the connection (default every 5 s). */
  readonly keepaliveIntervalMs?: number | undefined
  /** Runs sharing one connection before another is opened (default 4; sshd allows 10 channels). */
  readonly runsPerConnection?: number | undefined
}

export const defaults = {
  maxResultBytes: 256 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 5_000,
  runsPerConnection: 4,
  /** After a kill, how long the remote script may take to send what is left and clean up. */
  killGraceMs: 10_000,
  /** pyexec-sandbox ends a run itself this long after the executor's own timeout (the SSH user cannot kill it). */
  sandboxGraceSeconds: 2
} as const

/** What a run that did not get to start the runner says, with the fix. */
const setupError = (host: Host, end: Extract<RunEnd, { _tag: "setup-failed" }>) => {
  const where = `SSH host '${host.name}'`
  const said = end.stderr.trim() ? `: ${end.stderr.trim().slice(-500)}` : ""
  switch (end.status) {
    case 93:
      return unavailable("misconfigured", `the Python interpreter '${host.python}' was not found on ${where}: set python of host '${host.name}' (a venv's bin/python)`, false)
    case 91:
      return unavailable("misconfigured", `cannot create a run folder under '${host.workRoot}' on ${where}${said}: set workRoot of host '${host.name}' to a folder ${host.user} can write`, false)
    case 92:
      return unavailable("misconfigured", `cannot unpack the job on ${where}${said}: is tar installed there, and is there room under '${host.workRoot}'?`, false)
    default: {
      const what = (end.status !== null && setupFailures[end.status]) || `the run script exited with status ${end.status} before starting the runner`
      return unavailable("misconfigured", `${what} on ${where}${said}: the login shell of ${host.user} must run POSIX sh commands`, false)
    }
  }
}

/** After a lost connection: kill what may still run and remove the folder, through a new connection if one can be had. */
const cleanUpLost = (pool: HostConnections, announce: Announce | undefined) => {
  if (!announce) return
  void pool
    .acquire(true)
    .then(async (connection) => {
      try {
        const channel = await connection.exec(killScript(announce.pid, announce.dir, true))
        await new Promise<void>((resolve) => {
          channel.on("close", resolve)
          channel.resume()
          channel.stderr.resume()
          channel.end()
        })
      } finally {
        pool.release(connection)
      }
    })
    .catch(() => undefined)
}

/** One run on one host, reconnecting once when the kept connection cannot open a channel. */
const runOn = (pool: HostConnections, spec: RemoteRunSpec) =>
  Effect.async<ProcessOutcome, Errors.ExecutorUnavailable>((resume) => {
    let cancelled = false
    let cancel: (() => Promise<void>) | undefined
    const attempt = async (): Promise<ProcessOutcome> => {
      for (let tries = 0; ; tries++) {
        const connection = await pool.acquire(tries > 0)
        if (cancelled) {
          pool.release(connection)
          throw unavailable("unreachable", "the run was interrupted", false)
        }
        const run = startRun(connection, spec)
        cancel = run.cancel
        const end = await run.result.finally(() => pool.release(connection))
        switch (end._tag) {
          case "done":
            return end.outcome
          case "not-started":
            pool.retire(connection)
            if (tries === 0 && !cancelled) continue
            throw connectError(pool.host, new Error(`cannot open an exec channel: ${(end.error as Error)?.message ?? String(end.error)}`))
          case "setup-failed":
            throw setupError(pool.host, end)
          case "lost":
            cleanUpLost(pool, end.announce)
            throw lost(pool.host, end.detail)
        }
      }
    }
    attempt().then(
      (outcome) => resume(Effect.succeed(outcome)),
      (error: unknown) =>
        resume(
          Effect.fail(
            error instanceof Errors.ExecutorUnavailable
              ? error
              : unavailable("lost", `the results of the run on SSH host '${pool.host.name}' could not be read: ${String((error as Error)?.message ?? error)}`, true, error)
          )
        )
    )
    return Effect.promise(async () => {
      cancelled = true
      await cancel?.()
    })
  })

/**
 * Runs each attempt on a remote host over SSH, as the host's user with that host's Python, or, where the host
 * has pyexec-sandbox (`sandbox`), inside the read-only boundary the sandbox builds there (ssh/sandbox.ts). One
 * connection per host is kept and reused; a run is one exec channel that carries the job in and the output and
 * results back (ssh/script.ts). The host's key must match the pinned fingerprint or known_hosts: an unknown key
 * is refused.
 */
export const make = (options: SshExecutorOptions): Effect.Effect<Executor.Executor["Type"], never, Scope.Scope> =>
  Effect.gen(function* () {
    const connectionOptions = {
      connectTimeoutMs: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? defaults.keepaliveIntervalMs,
      runsPerConnection: options.runsPerConnection ?? defaults.runsPerConnection
    }
    const pools = new Map(options.hosts.map((host) => [host.name, new HostConnections(host, connectionOptions)]))
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        for (const pool of pools.values()) pool.close()
      })
    )
    for (const pool of pools.values()) pool.warm()
    const turns = new RoundRobin()
    const checks = new SandboxChecks()

    const execute = (job: Executor.ExecutionJob) =>
      Effect.gen(function* () {
        const settings = Profiles.settings(options.profiles, job.profile)
        const allowed = allowedHosts(options.hosts, settings, job.profile)
        if (allowed instanceof Errors.ExecutorUnavailable) return yield* allowed
        const badNames = badEnvNames(settings.env)
        if (badNames.length > 0) {
          return yield* unavailable("misconfigured", `the execution profile '${job.profile}' sets environment names a shell cannot take: ${badNames.join(", ")}`, false)
        }
        const files = yield* Effect.tryPromise({
          try: () => bundle(job, options, settings.env),
          catch: (cause) => unavailable("misconfigured", `cannot pack the job for the SSH host: ${String(cause)}`, false, cause)
        })
        const failures: Array<string> = []
        let last: Errors.ExecutorUnavailable | undefined
        for (const host of turns.order(allowed)) {
          const pool = pools.get(host.name)!
          const checked = yield* Effect.either(Effect.tryPromise({ try: () => checks.ensure(pool), catch: (e) => connectError(host, e) }))
          if (checked._tag === "Left") {
            last = checked.left
            if (allowed.length === 1) return yield* last
            failures.push(last.message)
            continue
          }
          const marker = randomBytes(16).toString("hex")
          const sandbox = host.sandbox && {
            ...host.sandbox,
            profile: job.profile,
            timeoutSeconds: job.timeoutMs / 1000 + defaults.sandboxGraceSeconds
          }
          const spec: RemoteRunSpec = {
            command: runScript({ python: host.python, workRoot: host.workRoot, env: settings.env, sandbox }),
            stdin: Buffer.concat([Buffer.from(`${marker}\n`), files]),
            marker,
            timeoutMs: job.timeoutMs,
            maxOutputBytes: options.maxOutputBytes,
            maxResultBytes: options.maxResultBytes ?? defaults.maxResultBytes,
            workDir: job.workDir,
            killGraceMs: defaults.killGraceMs,
            onOutput: job.onOutput
          }
          const outcome = yield* Effect.either(
            runOn(pool, spec).pipe(
              Effect.flatMap((o) =>
                host.sandbox
                  ? Effect.tryPromise({ try: () => readReport(host, job.workDir, o), catch: (e) => (e instanceof Errors.ExecutorUnavailable ? e : unavailable("lost", `the sandbox's report of the run on SSH host '${host.name}' cannot be read: ${String(e)}`, true, e)) }).pipe(
                      Effect.tapError(() => Effect.sync(() => checks.forget(host))),
                      Effect.map((refused) => ({ outcome: o, refused }))
                    )
                  : Effect.succeed({ outcome: o, refused: [] as ReadonlyArray<string> })
              )
            )
          )
          if (outcome._tag === "Right") {
            const result = yield* toExecutionResult(job.workDir, outcome.right.outcome)
            return withRefusals(result, outcome.right.refused)
          }
          last = outcome.left
          // the code may have run: never run it again elsewhere
          if (last.codeMayHaveRun || allowed.length === 1) return yield* last
          failures.push(last.message)
          yield* Effect.logWarning(`SSH executor: ${last.message}; trying the next host`)
        }
        return yield* new Errors.ExecutorUnavailable({
          reason: last?.reason ?? "unreachable",
          message: `no SSH host could take the run: ${failures.join("; ")}`,
          codeMayHaveRun: false,
          ...(last ? { cause: last } : {})
        })
      })
    return Executor.Executor.of({
      kind: "ssh",
      readOnlyBoundary: boundaryOf(options.hosts, options.profiles),
      execute,
      environment: RunEnvironment.probing(execute),
      problems: () =>
        Effect.promise(() => Promise.all([...pools.values()].map((pool) => problemOf(pool, connectionOptions.connectTimeoutMs)))).pipe(
          Effect.map((found) => found.filter((line) => line !== undefined))
        )
    })
  })

export const layer = (options: SshExecutorOptions) => Layer.scoped(Executor.Executor, make(options))
