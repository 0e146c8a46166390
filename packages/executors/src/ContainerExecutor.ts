import { randomUUID } from "node:crypto"
import { PassThrough } from "node:stream"
import { type Approval, Executor } from "@pyexec/core"
import Docker from "dockerode"
import { Effect, Layer, type Scope } from "effect"
import * as Door from "./container/door.js"
import { dockerError } from "./container/errors.js"
import { splitAt } from "./internal/framing.js"
import { signalOf } from "./internal/signals.js"
import { removeOrphans, type SandboxSpec, workDir } from "./container/sandbox.js"
import { WarmPool } from "./container/WarmPool.js"
import { bundle, extractResults } from "./internal/bundle.js"
import { both, capped, live, sink, streams } from "./internal/output.js"
import type { ProcessOutcome } from "./internal/process.js"
import { toExecutionResult } from "./internal/result.js"
import * as ReadOnlyPath from "./gateway/ReadOnlyPath.js"
import { clientName, withRefusals } from "./gateway/Refusals.js"
import * as Profiles from "./Profiles.js"
import type { RunLimits } from "./RunLimits.js"
import { defaultPreload } from "./Runner.js"

export interface ContainerExecutorOptions extends RunLimits, Omit<SandboxSpec, "network"> {
  /** This host's Python for the read-only gateways and the relay (caproto and p4p installed); default python3. */
  readonly python?: string | undefined
  /** What the read-only gateways read from (EPICS_* settings); default: this process's own. */
  readonly gatewayUpstream?: Readonly<Record<string, string>> | undefined
  /** Started sandboxes kept waiting per network; 0 starts one per run. */
  readonly poolSize: number
  readonly profiles: Profiles.Profiles
  /** Where the engine is: dockerode's options (socketPath, host/port); default DOCKER_HOST or the local socket. */
  readonly docker?: Docker.DockerOptions | undefined
}

export const defaults = {
  poolSize: 2,
  preload: defaultPreload,
  memoryBytes: 2048 * 1024 * 1024,
  cpus: 1,
  pidsLimit: 256,
  workDirBytes: 512 * 1024 * 1024
} as const

const engineName = (options: Docker.DockerOptions | undefined) =>
  options?.socketPath ?? (options?.host ? `${options.host}:${options.port ?? 2375}` : (process.env.DOCKER_HOST ?? "/var/run/docker.sock"))

/**
 * Runs each attempt in a fresh sandbox container taken from a warm pool. Its PID 1 (runner/pyexec_boot.py) has
 * imported numpy and co. already and waits on its attached stdin: the job goes in as one write (a JSON line and
 * a tar), the code's output comes back on stdout/stderr, then the manifest and figures as a tar after a marker
 * on stderr. No `docker exec` on the way. The container is removed after the run, whatever happened.
 */
export const make = (options: ContainerExecutorOptions): Effect.Effect<Executor.Executor["Type"], never, Scope.Scope> =>
  Effect.gen(function* () {
    const docker = new Docker(options.docker)
    const engine = engineName(options.docker)
    const pool = new WarmPool(docker, options, options.poolSize)
    yield* Effect.promise(() => removeOrphans(docker).catch(() => 0))
    const boundary = yield* readOnlyBoundary(docker, options)
    if (boundary._tag === "missing") yield* Effect.logWarning(`container executor: no read-only boundary (${boundary.reason}); every run needs approval`)
    const networkOf = (profile: Approval.ExecutionProfile) =>
      profile === "read-only" && boundary._tag === "enforced" ? boundary.door.networkMode : Profiles.settings(options.profiles, profile).network
    for (const profile of ["read-only", "write"] as const) {
      if (profile === "read-only" || options.profiles.write.network) pool.fill(networkOf(profile))
    }
    yield* Effect.addFinalizer(() => Effect.promise(() => pool.close()))

    let runs = 0
    const execute = (job: Executor.ExecutionJob) => Effect.suspend(() => {
      const settings = Profiles.settings(options.profiles, job.profile)
      const network = networkOf(job.profile)
      const behindGateway = job.profile === "read-only" && boundary._tag === "enforced"
      const client = clientName(`c${++runs}`)
      const env = behindGateway ? { ...settings.env, ...boundary.path.clientEnv, USER: client, LOGNAME: client } : settings.env
      const refusals = behindGateway ? boundary.path.refusals.window(client) : undefined
      const close = Effect.sync(() => refusals?.close())
      const context = { engine, image: options.image, network }
      let started = false
      return Effect.acquireUseRelease(
        Effect.tryPromise({ try: () => pool.take(network), catch: (e) => dockerError(e, { ...context, codeMayHaveRun: false }) }),
        ({ container, stream }) =>
          Effect.tryPromise({
            try: async (signal) => {
              const marker = randomUUID()
              const header = `${JSON.stringify({ marker, workdir: workDir, env })}\n`
              const files = await bundle(job, options)
              const stdout = capped(options.maxOutputBytes)
              const stderr = capped(options.maxOutputBytes)
              const archive = new PassThrough()
              const results = extractResults(archive, job.workDir, options.workDirBytes)
              const told = live(job.onOutput)
              signal.addEventListener("abort", () => told.close())
              // the code's stderr only: neither the marker nor the tar after it is live output
              const split = splitAt(Buffer.from(`\n${marker}\n`), stderr.push, (chunk) => archive.write(chunk), told.stderr.push)
              const began = performance.now()
              let timedOut = false
              const kill = () => container.kill().catch(() => undefined)
              const timer = setTimeout(() => {
                timedOut = true
                void kill()
              }, job.timeoutMs)
              signal.addEventListener("abort", () => void kill())
              const ended = new Promise<void>((resolve, reject) => {
                stream.on("end", resolve)
                stream.on("close", resolve)
                stream.on("error", reject)
              })
              container.modem.demuxStream(stream, sink(both(stdout, told.stdout)), sink(split))
              started = true
              stream.end(Buffer.concat([Buffer.from(header), files]))
              await ended.finally(() => {
                clearTimeout(timer)
                split.end()
                told.close()
                archive.end()
              })
              const { StatusCode: exitCode } = (await container.wait()) as { StatusCode: number }
              const durationMs = performance.now() - began
              await results
              return {
                exitCode,
                signal: signalOf(exitCode),
                ...streams(stdout, stderr),
                timedOut,
                durationMs
              } satisfies ProcessOutcome
            },
            catch: (e) => dockerError(e, { ...context, codeMayHaveRun: started })
          }),
        (sandbox) => Effect.sync(() => pool.discard(sandbox))
      ).pipe(
        Effect.flatMap((outcome) => toExecutionResult(job.workDir, outcome)),
        Effect.map((result) => (refusals ? withRefusals(result, refusals.refused()) : result)),
        Effect.ensuring(close)
      )
    })
    return Executor.Executor.of({
      kind: "container",
      readOnlyBoundary:
        boundary._tag === "enforced"
          ? { _tag: "enforced", detail: `a sandbox container per run; read-only ones share a network that reaches only ${boundary.path.description}` }
          : boundary,
      execute
    })
  })

type Boundary =
  | { readonly _tag: "enforced"; readonly door: Door.Door; readonly path: ReadOnlyPath.ReadOnlyPath }
  | { readonly _tag: "missing"; readonly reason: string }

/**
 * The read-only sandboxes' network: the door's namespace, whose only endpoints are the relay's sockets to the
 * read-only gateways. Opening it needs root (the relay enters the door's namespace); without it, or when the
 * site gave read-only runs a network of their own, there is no boundary, and every run needs approval.
 */
const readOnlyBoundary = (docker: Docker, options: ContainerExecutorOptions): Effect.Effect<Boundary, never, Scope.Scope> => {
  const own = options.profiles["read-only"].network
  if (own) return Effect.succeed({ _tag: "missing", reason: `profiles.read-only.network gives read-only runs the network '${own}': remove it, and they reach the control system through the read-only gateway only` })
  if (process.getuid?.() !== 0) return Effect.succeed({ _tag: "missing", reason: "the relay into the read-only sandboxes' network needs root" })
  return Effect.gen(function* () {
    const door = yield* Effect.acquireRelease(Effect.tryPromise(() => Door.open(docker, options.image)), (d) => Effect.promise(() => d.remove()))
    const path = yield* ReadOnlyPath.open({ python: options.python ?? "python3", upstreamEnv: options.gatewayUpstream, netns: door.netns })
    return { _tag: "enforced", door, path } as const
  }).pipe(Effect.catchAll((e) => Effect.succeed({ _tag: "missing", reason: `the read-only network cannot be built: ${"message" in e ? e.message : String(e)}` } as const)))
}

export const layer = (options: ContainerExecutorOptions) => Layer.scoped(Executor.Executor, make(options))

