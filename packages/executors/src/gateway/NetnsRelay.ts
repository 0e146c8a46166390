import { fileURLToPath } from "node:url"
import { NotStarted, startReady } from "../internal/readyProcess.js"
import type { ReadOnlyGateway } from "./ReadOnlyGateway.js"

const relayScript = fileURLToPath(new URL("../../gateway/pyexec_netns_relay.py", import.meta.url))

/**
 * One forwarded port: the relay listens on 127.0.0.1:`port` inside the namespace and forwards to `target`
 * (`host:port`) in its own. `pva-udp` is UDP for PV Access searches, whose reply port the relay rewrites.
 */
export interface Forward {
  readonly protocol: "tcp" | "udp" | "pva-udp"
  readonly port: number
  readonly target: string
}

export interface RelayOptions {
  /** Any Python 3 (the relay uses the standard library only). */
  readonly python: string
  /** "new": a namespace of the relay's own with only `lo`; else the path of an existing one (/proc/PID/ns/net). */
  readonly netns: "new" | (string & {})
  readonly forwards: ReadonlyArray<Forward>
  /** Where the relay's stderr lines go; default: this process's stderr. */
  readonly log?: ((line: string) => void) | undefined
}

export interface Relay {
  /** The namespace, for `nsenter --net=<netnsPath>`; a new one lives as long as the relay. */
  readonly netnsPath: string
  readonly stop: () => Promise<void>
}

/** What a namespace needs to reach both gateways, under their own port numbers. */
export const forwardsTo = (gateway: ReadOnlyGateway): ReadonlyArray<Forward> => {
  const { ca, pva } = gateway
  return [
    { protocol: "tcp", port: ca.port, target: `${ca.host}:${ca.port}` },
    { protocol: "udp", port: ca.port, target: `${ca.host}:${ca.port}` },
    { protocol: "tcp", port: pva.tcpPort, target: `${pva.host}:${pva.tcpPort}` },
    { protocol: "pva-udp", port: pva.udpPort, target: `${pva.host}:${pva.udpPort}` }
  ]
}

const hintFor = (error: NotStarted, netns: string) => {
  if (/Operation not permitted|CAP_SYS_ADMIN/.test(error.stderr)) return "\nthe relay needs root (CAP_SYS_ADMIN) to enter or create a network namespace"
  if (/No such file or directory/.test(error.stderr) && netns !== "new") return `\nno network namespace at ${netns}: is the process it belongs to still running?`
  return ""
}

/** Starts the relay; it has made its listeners inside the namespace when this resolves. */
export const startRelay = async (options: RelayOptions): Promise<Relay> => {
  const args = [relayScript, ...(options.netns === "new" ? ["--new-netns"] : ["--netns", options.netns])]
  for (const forward of options.forwards) args.push(`--${forward.protocol}`, `127.0.0.1:${forward.port}=${forward.target}`)
  try {
    const relay = await startReady({
      name: "the network namespace relay",
      command: options.python,
      args,
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`))
    })
    const announced = relay.lines.find((line) => line.startsWith("netns "))?.slice("netns ".length)
    return { netnsPath: announced ?? options.netns, stop: relay.stop }
  } catch (error) {
    if (error instanceof NotStarted) throw new Error(`${error.message}${hintFor(error, options.netns)}`)
    throw error
  }
}
