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
}

export interface ReadOnlyPathOptions {
  /** The Python that runs the gateways and the relay (caproto and p4p installed). */
  readonly python: string
  /** Where the gateways read from; default: the EPICS_* settings of this process. */
  readonly upstreamEnv?: Readonly<Record<string, string>> | undefined
  /** An existing namespace to serve (a container's); default: a new one, made by the relay. */
  readonly netns?: string | undefined
}

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
      refusals
    }
  })
