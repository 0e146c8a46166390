import * as dgram from "node:dgram"
import * as net from "node:net"
import { fileURLToPath } from "node:url"
import { NotStarted, type ReadyProcess, startReady } from "../internal/readyProcess.js"

const caGatewayScript = fileURLToPath(new URL("../../gateway/pyexec_ca_gateway.py", import.meta.url))
const pvaGatewayScript = fileURLToPath(new URL("../../gateway/pyexec_pva_gateway.py", import.meta.url))

/**
 * pyexec's read-only gateways to the control system, one for Channel Access and one for PV Access, both on
 * 127.0.0.1: reads and monitors pass, every write is refused. A relay (NetnsRelay) forwards their ports into
 * the network namespace of read-only runs under the same numbers.
 */
export interface ReadOnlyGateway {
  /** Channel Access: UDP searches and TCP circuits on the same port. */
  readonly ca: { readonly host: string; readonly port: number }
  /** PV Access: the TCP server port and the UDP search port. */
  readonly pva: { readonly host: string; readonly tcpPort: number; readonly udpPort: number }
  /** EPICS_* settings of a client that reaches the gateways at 127.0.0.1: on this host, or through the relay. */
  readonly clientEnv: Readonly<Record<string, string>>
  readonly stop: () => Promise<void>
}

export interface StartOptions {
  /** A Python with caproto and p4p (requirements.txt). */
  readonly python: string
  /** The EPICS client settings the gateways read upstream through; default: the EPICS_* of this process. */
  readonly upstreamEnv?: Readonly<Record<string, string>> | undefined
  /** Where the gateways' stderr lines go, refused writes among them; default: this process's stderr. */
  readonly log?: ((line: string) => void) | undefined
}

const ATTEMPTS = 3
const PORT_IN_USE = 2 // the gateways' exit status when their port is taken

/** The client-side EPICS settings (EPICS_CA_*, EPICS_PVA_*) among `env`. */
export const upstreamOf = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => /^EPICS_(CA|PVA)_/.test(entry[0]) && entry[1] !== undefined)
  )

export const clientEnvFor = (ca: { readonly port: number }, pva: { readonly tcpPort: number; readonly udpPort: number }) => ({
  EPICS_CA_ADDR_LIST: "127.0.0.1",
  EPICS_CA_AUTO_ADDR_LIST: "NO",
  EPICS_CA_SERVER_PORT: String(ca.port),
  EPICS_PVA_ADDR_LIST: "127.0.0.1",
  EPICS_PVA_AUTO_ADDR_LIST: "NO",
  EPICS_PVA_SERVER_PORT: String(pva.tcpPort),
  EPICS_PVA_BROADCAST_PORT: String(pva.udpPort)
})

const bindsOn = (socket: net.Server | dgram.Socket, port: number) =>
  new Promise<boolean>((resolve) => {
    socket.once("error", () => resolve(false))
    if (socket instanceof net.Server) socket.listen(port, "127.0.0.1", () => resolve(true))
    else socket.bind(port, "127.0.0.1", () => resolve(true))
  })

const closing = (socket: net.Server | dgram.Socket) => new Promise<void>((resolve) => socket.close(() => resolve()))

/** A port on 127.0.0.1 free for both TCP and UDP a moment ago. */
export const freePort = async (): Promise<number> => {
  for (;;) {
    const tcp = net.createServer()
    await bindsOn(tcp, 0)
    const port = (tcp.address() as net.AddressInfo).port
    const udp = dgram.createSocket("udp4")
    const free = await bindsOn(udp, port)
    await Promise.all([closing(tcp), free ? closing(udp) : Promise.resolve()])
    if (free) return port
  }
}

const hintFor = (error: NotStarted, python: string) =>
  /No module named '?(caproto|p4p|numpy)/.test(error.stderr)
    ? `\n${python} lacks caproto or p4p: install requirements.txt into it (pip install -r requirements.txt), or name another Python`
    : ""

/** Starts one gateway on fresh ports, again on other ports when they were taken meanwhile. */
const startOne = async (name: string, python: string, args: () => Promise<Array<string>>, env: Record<string, string | undefined>, log: (line: string) => void): Promise<ReadyProcess> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startReady({ name, command: python, args: await args(), env, log })
    } catch (error) {
      if (error instanceof NotStarted && error.exitCode === PORT_IN_USE && attempt < ATTEMPTS) continue
      if (error instanceof NotStarted) throw new Error(`${error.message}${hintFor(error, python)}`)
      throw error
    }
  }
}

/** Starts pyexec's Channel Access and PV Access gateways on free ports of 127.0.0.1. */
export const start = async (options: StartOptions): Promise<ReadOnlyGateway> => {
  const upstream = options.upstreamEnv ?? upstreamOf(process.env)
  // Only the client settings go upstream: a stray EPICS_CAS_* or EPICS_PVAS_* would reconfigure the servers. And
  // none of the server's secrets: the gateways parse what untrusted code sends them.
  const env = { ...basics(process.env), ...upstreamOf(upstream), PYTHONUNBUFFERED: "1" }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  let caPort = 0
  const [ca, pva] = await Promise.allSettled([
    startOne("the read-only Channel Access gateway", options.python, async () => {
      caPort = await freePort()
      return [caGatewayScript, "--listen", "127.0.0.1", "--port", String(caPort)]
    }, env, log),
    startOne("the read-only PV Access gateway", options.python, async () => {
      const [tcp, udp] = [await freePort(), await freePort()]
      return [pvaGatewayScript, "--listen", "127.0.0.1", "--tcp-port", String(tcp), "--udp-port", String(udp)]
    }, env, log)
  ])
  if (ca.status === "rejected" || pva.status === "rejected") {
    await Promise.all([ca, pva].map((p) => (p.status === "fulfilled" ? p.value.stop() : undefined)))
    throw ca.status === "rejected" ? ca.reason : (pva as PromiseRejectedResult).reason
  }
  const [tcpPort, udpPort] = (pva.value.lines.find((line) => line.startsWith("pva "))?.split(" ") ?? []).slice(1).map(Number)
  const pvaPorts = { tcpPort: tcpPort ?? 0, udpPort: udpPort ?? 0 }
  return {
    ca: { host: "127.0.0.1", port: caPort },
    pva: { host: "127.0.0.1", ...pvaPorts },
    clientEnv: clientEnvFor({ port: caPort }, pvaPorts),
    stop: async () => {
      await Promise.all([ca.value.stop(), pva.value.stop()])
    }
  }
}

/** What a gateway takes from this process's environment: where programs are, and the locale. */
const basics = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(["PATH", "HOME", "LANG", "LC_ALL", "TZ"].flatMap((key) => (env[key] === undefined ? [] : [[key, env[key]]])))
