import * as net from "node:net"
import { Errors } from "@pyexec/core"
import { Effect, type Scope } from "effect"
import * as NetnsRelay from "./NetnsRelay.js"
import * as ReadOnlyGateway from "./ReadOnlyGateway.js"
import { Refusals } from "./Refusals.js"

/**
 * The only way a read-only run reaches the control system: a network namespace whose endpoints are relay
 * sockets to pyexec's read-only gateways (Channel Access and PV Access), which pass reads and monitors and refuse
 * every write. Upstream, the gateways reach what `upstreamEnv` names: by default the server's own EPICS_*
 * settings, so a read-only run reads every PV the operator's environment reaches and writes none of them. A site
 * with its own read-only gateway names it there, and runs then pass two read-only gateways.
 */
export interface ReadOnlyPath {
  /** The namespace read-only runs live in (a path for `nsenter --net=`). */
  readonly netns: string
  /** The EPICS_* settings that reach the gateways from inside the namespace. */
  readonly clientEnv: Readonly<Record<string, string>>
  /** For messages: what the runs reach. */
  readonly description: string
  /** The writes the Channel Access gateway refused, by client name. */
  readonly refusals: Refusals
  /** The gateways that do not take a connection now, one line each (none: both do). */
  readonly unanswered: () => Promise<ReadonlyArray<string>>
}

export interface ReadOnlyPathOptions {
  /** The Python that runs the gateways and the relay (caproto and p4p installed). */
  readonly python: string
  /** Where the gateways read from; default: the EPICS_* settings of this process. */
  readonly upstreamEnv?: Readonly<Record<string, string>> | undefined
  /** An existing namespace to serve (a container's); default: a new one, made by the relay. */
  readonly netns?: string | undefined
}

/**
 * Whether something listens at host:port: a TCP connection is made within `timeoutMs`, then closed politely (what
 * the server sends is read first: a reset would be an error line in the gateway's log).
 */
const takesConnection = (host: string, port: number, timeoutMs = 1_000) =>
  new Promise<boolean>((resolve) => {
    let connected = false
    const socket = net.connect({ host, port })
    socket.setTimeout(timeoutMs, () => socket.destroy())
    socket.once("connect", () => {
      connected = true
      socket.resume()
      socket.end()
    })
    socket.once("error", () => socket.destroy())
    socket.once("close", () => resolve(connected))
  })

const unavailable = (message: string, cause: unknown) =>
  new Errors.ExecutorUnavailable({ reason: "misconfigured", message, codeMayHaveRun: false, cause })

/** Starts the gateways and the relay into the namespace; both end with the scope. */
export const open = (options: ReadOnlyPathOptions): Effect.Effect<ReadOnlyPath, Errors.ExecutorUnavailable, Scope.Scope> =>
  Effect.gen(function* () {
    const refusals = new Refusals()
    const log = (line: string) => refusals.read(line, (other) => process.stderr.write(`${other}\n`))
    const gateway = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => ReadOnlyGateway.start({ python: options.python, upstreamEnv: options.upstreamEnv, log }),
        catch: (e) => unavailable(`the read-only EPICS gateways cannot start: ${(e as Error).message}`, e)
      }),
      (g) => Effect.promise(() => g.stop())
    )
    const relay = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => NetnsRelay.startRelay({ python: options.python, netns: options.netns ?? "new", forwards: NetnsRelay.forwardsTo(gateway) }),
        catch: (e) => unavailable(`the relay into the read-only network namespace cannot start: ${(e as Error).message}`, e)
      }),
      (r) => Effect.promise(() => r.stop())
    )
    return {
      netns: relay.netnsPath,
      clientEnv: gateway.clientEnv,
      description: `the read-only gateways (Channel Access on port ${gateway.ca.port}, PV Access on ${gateway.pva.tcpPort})`,
      refusals,
      unanswered: async () => {
        const gateways = [
          { name: "Channel Access", host: gateway.ca.host, port: gateway.ca.port },
          { name: "PV Access", host: gateway.pva.host, port: gateway.pva.tcpPort }
        ]
        const answered = await Promise.all(gateways.map((g) => takesConnection(g.host, g.port)))
        return gateways.filter((_, i) => !answered[i]).map((g) => `the read-only ${g.name} gateway (${g.host}:${g.port}) does not take a connection`)
      }
    }
  })
