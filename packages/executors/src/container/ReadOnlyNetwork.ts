import type Docker from "dockerode"
import { labels } from "./sandbox.js"

/**
 * The container-native read-only boundary, for a server that cannot be root on the Docker host (a server in a
 * container): read-only sandboxes join a Docker network with no route out (`Internal`), whose host side has no
 * address (`inhibit_ipv4`: else every service of the host listening on all addresses is reachable, Docker's
 * internal networks included), and whose only other endpoint is the read-only gateway container, which does not
 * forward packets. The gateway is also on the control system's network and passes reads, refusing every write.
 * Checked at start, before each read-only run and by /readyz: what fails the check means no boundary.
 */
export interface ReadOnlyNetworkSpec {
  /** The Docker network of read-only runs. */
  readonly name: string
  /** The name of the gateway container on it (pyexec's read-only Channel Access and PV Access gateways). */
  readonly gateway: string
  readonly caPort: number
  readonly pvaPort: number
  readonly pvaBroadcastPort: number
}

export const defaultPorts = { caPort: 5064, pvaPort: 5075, pvaBroadcastPort: 5076 } as const

export type Verdict =
  | { readonly _tag: "sound"; readonly clientEnv: Readonly<Record<string, string>>; readonly gatewayAddress: string }
  | { readonly _tag: "unsound"; readonly problems: ReadonlyArray<string> }

/** What the check reads from the engine. */
export interface Observed {
  readonly network: Docker.NetworkInspectInfo | undefined
  /** The containers attached to it. */
  readonly attached: ReadonlyArray<Docker.ContainerInfo>
  readonly gateway: Docker.ContainerInspectInfo | undefined
}

const inhibitIpv4 = "com.docker.network.bridge.inhibit_ipv4"
const nameOf = (c: { readonly Names?: ReadonlyArray<string>; readonly Name?: string }) => (c.Names?.[0] ?? c.Name ?? "").replace(/^\//, "")

export const clientEnvFor = (address: string, spec: ReadOnlyNetworkSpec) => ({
  EPICS_CA_ADDR_LIST: address,
  EPICS_CA_AUTO_ADDR_LIST: "NO",
  EPICS_CA_SERVER_PORT: String(spec.caPort),
  EPICS_PVA_ADDR_LIST: address,
  EPICS_PVA_AUTO_ADDR_LIST: "NO",
  EPICS_PVA_SERVER_PORT: String(spec.pvaPort),
  EPICS_PVA_BROADCAST_PORT: String(spec.pvaBroadcastPort)
})

/** The verdict on what the engine shows: every problem, one line each. */
export const judge = (spec: ReadOnlyNetworkSpec, seen: Observed): Verdict => {
  const { network, gateway } = seen
  const net = `the read-only network '${spec.name}'`
  if (!network) return { _tag: "unsound", problems: [`${net} does not exist: create it (see deploy/compose.yaml) or remove container.readOnlyNetwork`] }
  const problems: Array<string> = []
  if (!network.Internal) problems.push(`${net} is not internal (it routes out): create it with --internal`)
  if (network.Driver !== "bridge") problems.push(`${net} has the driver '${network.Driver}': only a bridge network is checked for what reaches it`)
  if (network.Options?.[inhibitIpv4] !== "true") {
    problems.push(`the host has an address on ${net}, so the host's services are reachable from read-only runs: create it with -o ${inhibitIpv4}=true`)
  }
  if (network.EnableIPv6) problems.push(`${net} has IPv6 enabled: create it without --ipv6`)
  for (const c of seen.attached) {
    const name = nameOf(c)
    const sandbox = c.Labels?.[labels.managed] === "true" && c.Labels?.[labels.network] === spec.name
    if (name !== spec.gateway && !sandbox) problems.push(`the container '${name}' is attached to ${net}: only the gateway '${spec.gateway}' and pyexec's sandboxes may be`)
  }
  const address = gateway?.NetworkSettings.Networks[spec.name]?.IPAddress
  if (!gateway) problems.push(`the gateway container '${spec.gateway}' does not exist`)
  else {
    if (!gateway.State.Running) problems.push(`the gateway container '${spec.gateway}' is not running`)
    if (gateway.State.Health?.Status === "unhealthy") problems.push(`the gateway container '${spec.gateway}' is unhealthy (its gateways do not take connections)`)
    if (!address) problems.push(`the gateway container '${spec.gateway}' is not attached to ${net}`)
    if (gateway.HostConfig.Sysctls?.["net.ipv4.ip_forward"] !== "0") {
      problems.push(`the gateway container '${spec.gateway}' may forward packets between its networks: give it the sysctl net.ipv4.ip_forward=0`)
    }
    if (gateway.HostConfig.Privileged || ((gateway.HostConfig.CapAdd ?? []) as Array<string>).some((cap) => /NET_ADMIN|SYS_ADMIN|ALL/.test(cap))) {
      problems.push(`the gateway container '${spec.gateway}' may change its network settings (privileged, NET_ADMIN or SYS_ADMIN): drop them`)
    }
  }
  if (problems.length > 0 || !address) return { _tag: "unsound", problems }
  return { _tag: "sound", clientEnv: clientEnvFor(address, spec), gatewayAddress: address }
}

const orUndefined = <A>(p: Promise<A>) => p.catch((e: { statusCode?: number }) => (e?.statusCode === 404 ? undefined : Promise.reject(e)))

/** Reads the network, what is attached to it and the gateway from the engine, and judges them. */
export const check = async (docker: Docker, spec: ReadOnlyNetworkSpec): Promise<Verdict> => {
  try {
    const [network, attached, gateway] = await Promise.all([
      orUndefined(docker.getNetwork(spec.name).inspect() as Promise<Docker.NetworkInspectInfo>),
      docker.listContainers({ filters: { network: [spec.name] } }),
      orUndefined(docker.getContainer(spec.gateway).inspect())
    ])
    return judge(spec, { network, attached, gateway })
  } catch (e) {
    return { _tag: "unsound", problems: [`the read-only network '${spec.name}' cannot be checked: ${(e as Error).message ?? String(e)}`] }
  }
}
