import { randomUUID } from "node:crypto"
import { PassThrough } from "node:stream"
import { type Approval, Errors, Executor, RunEnvironment } from "@pyexec/core"
import Docker from "dockerode"
import { Effect, Layer, type Scope } from "effect"
import * as Door from "./container/door.js"
import { refusalsOf } from "./container/gatewayLog.js"
import * as ReadOnlyNetwork from "./container/ReadOnlyNetwork.js"
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
import { clientName, type Refusals, withRefusals } from "./gateway/Refusals.js"
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
  /**
   * Read-only runs join this internal Docker network, whose only other endpoint is a read-only gateway container
   * (a server that is not root on the Docker host, e.g. in a container); without it, the server opens its own
   * (root: a door container and a relay).
   */
  readonly readOnlyNetwork?: ReadOnlyNetwork.ReadOnlyNetworkSpec | undefined
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
      profile === "read-only" && boundary._tag !== "missing" ? boundary.route.network : Profiles.settings(options.profiles, profile).network
    for (const profile of ["read-only", "write"] as const) {
      if (profile === "read-only" || options.profiles.write.network) pool.fill(networkOf(profile))
    }
    yield* Effect.addFinalizer(() => Effect.promise(() => pool.close()))

    let runs = 0

    // other servers' runs share a gateway container: each process names its runs apart

    const instance = randomUUID().slice(0, 8)
    const route = boundary._tag === "missing" ? undefined : boundary.route
    const execute = (job: Executor.ExecutionJob) => Effect.gen(function* () {
      if (job.profile !== "read-only" || !route) return yield* run(job, undefined)
      const verdict = yield* Effect.promise(() => route.verify())
      if (verdict._tag === "unsound") return yield* Effect.fail(unsound(verdict.problems))
      return yield* run(job, verdict.clientEnv)
    })
    /** `gatewayEnv`: the run is read-only behind the gateway, which these EPICS_* settings reach. */
    const run = (job: Executor.ExecutionJob, gatewayEnv: Readonly<Record<string, string>> | undefined) => Effect.suspend(() => {
      const settings = Profiles.settings(options.profiles, job.profile)
      const network = networkOf(job.profile)
      const client = clientName(`c${instance}-${++runs}`)
      const env = gatewayEnv ? { ...settings.env, ...gatewayEnv, USER: client, LOGNAME: client } : settings.env
      const refusals = gatewayEnv ? route?.refusals.window(client) : undefined
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
      // read at each analysis: a network route that fails its check now means no boundary now
      get readOnlyBoundary(): Executor.ReadOnlyBoundary {
        if (boundary._tag === "missing") return boundary
        const problems = boundary.route.lastProblems()
        return problems.length === 0
          ? { _tag: "enforced", detail: `a sandbox container per run; read-only ones share a network that reaches only ${boundary.route.description}` }
          : { _tag: "missing", reason: problems.join("; ") }
      },
      execute,
      environment: RunEnvironment.probing(execute),
      problems: () => (route ? Effect.promise(() => route.problems()) : Effect.succeed([]))
    })
  })

const unsound = (problems: ReadonlyArray<string>) =>
  new Errors.ExecutorUnavailable({
    reason: "misconfigured",
    message: `the read-only network does not hold now, so the read-only run was not started: ${problems.join("; ")}`,
    codeMayHaveRun: false
  })

/** How read-only runs reach the control system: a network whose one way there is a gateway that cannot write. */
interface Route {
  readonly network: string
  /** For messages: what the runs reach. */
  readonly description: string
  /** The writes the gateway refused, by client, from its log. */
  readonly refusals: Refusals
  /** Before each read-only run: the EPICS_* settings that reach the gateway, or why the route does not hold. */
  readonly verify: () => Promise<ReadOnlyNetwork.Verdict>
  /** What does not answer or hold now (for /readyz); also renews lastProblems. */
  readonly problems: () => Promise<ReadonlyArray<string>>
  /** What the latest check found. */
  readonly lastProblems: () => ReadonlyArray<string>
}

type Boundary = { readonly _tag: "route"; readonly route: Route } | { readonly _tag: "missing"; readonly reason: string }

/**
 * The read-only sandboxes' network: the door's namespace, whose only endpoints are the relay's sockets to the
 * read-only gateways. Opening it needs root (the relay enters the door's namespace); without it, or when the
 * site gave read-only runs a network of their own, there is no boundary, and every run needs approval.
 */
const readOnlyBoundary = (docker: Docker, options: ContainerExecutorOptions): Effect.Effect<Boundary, never, Scope.Scope> => {
  const own = options.profiles["read-only"].network
  if (own) return Effect.succeed({ _tag: "missing", reason: `profiles.read-only.network gives read-only runs the network '${own}': remove it, and they reach the control system through the read-only gateway only` })
  if (options.readOnlyNetwork) return networkRoute(docker, options.readOnlyNetwork)
  if (process.getuid?.() !== 0) return Effect.succeed({ _tag: "missing", reason: "the relay into the read-only sandboxes' network needs root (or name a read-only network: container.readOnlyNetwork)" })
  return Effect.gen(function* () {
    const door = yield* Effect.acquireRelease(Effect.tryPromise(() => Door.open(docker, options.image)), (d) => Effect.promise(() => d.remove()))
    const path = yield* ReadOnlyPath.open({ python: options.python ?? "python3", upstreamEnv: options.gatewayUpstream, netns: door.netns })
    const route: Route = {
      network: door.networkMode,
      description: path.description,
      refusals: path.refusals,
      verify: async () => ({ _tag: "sound", clientEnv: path.clientEnv, gatewayAddress: "127.0.0.1" }),
      problems: () => path.unanswered(),
      lastProblems: () => []
    }
    return { _tag: "route", route } as const
  }).pipe(Effect.catchAll((e) => Effect.succeed({ _tag: "missing", reason: `the read-only network cannot be built: ${"message" in e ? e.message : String(e)}` } as const)))
}

/** The site's internal network and gateway container, checked now and at each use. */
const networkRoute = (docker: Docker, spec: ReadOnlyNetwork.ReadOnlyNetworkSpec): Effect.Effect<Boundary, never, Scope.Scope> => Effect.gen(function* () {
  let last: ReadonlyArray<string> = []
  const verify = async () => {
    const verdict = await ReadOnlyNetwork.check(docker, spec)
    last = verdict._tag === "sound" ? [] : verdict.problems
    return verdict
  }
  const first = yield* Effect.promise(verify)
  if (first._tag === "unsound") yield* Effect.logWarning(`container executor: the read-only network does not hold (${last.join("; ")}); every run needs approval until it does`)
  const route: Route = {
    network: spec.name,
    description: `the read-only gateway container '${spec.gateway}' (Channel Access on port ${spec.caPort}, PV Access on ${spec.pvaPort})`,
    refusals: yield* refusalsOf(docker, spec.gateway),
    verify,
    problems: async () => {
      await verify()
      return last
    },
    lastProblems: () => last
  }
  return { _tag: "route", route } as const
})

export const layer = (options: ContainerExecutorOptions) => Layer.scoped(Executor.Executor, make(options))

