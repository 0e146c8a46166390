import { spawn } from "node:child_process"
import * as dgram from "node:dgram"
import * as fs from "node:fs"
import * as net from "node:net"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { EpicsIoc } from "@pyexec/testing"
import * as NetnsRelay from "../src/gateway/NetnsRelay.js"
import * as ReadOnlyGateway from "../src/gateway/ReadOnlyGateway.js"
import { rawWrites } from "./support/caRaw.js"
import { python } from "./support/python.js"

// A read-only run's network: a namespace of its own whose only endpoints are the relay's sockets to the
// read-only gateways. The clients below run inside it (nsenter --net=...), as a run would. Needs root.

const relayScript = fileURLToPath(new URL("../gateway/pyexec_netns_relay.py", import.meta.url))
let ioc: EpicsIoc.EpicsIoc
let gateway: ReadOnlyGateway.ReadOnlyGateway
let relay: NetnsRelay.Relay
let hostServer: net.Server
let hostPort = 0

beforeAll(async () => {
  ioc = await EpicsIoc.start()
  gateway = await ReadOnlyGateway.start({ python: "python3", upstreamEnv: ioc.env, log: () => undefined })
  relay = await NetnsRelay.startRelay({ python: "python3", netns: "new", forwards: NetnsRelay.forwardsTo(gateway) })
  // Something on the host that a run must not reach.
  hostServer = net.createServer((socket) => socket.end("host secret\n"))
  await new Promise<void>((resolve) => hostServer.listen(0, "127.0.0.1", resolve))
  hostPort = (hostServer.address() as net.AddressInfo).port
}, 60_000)
afterAll(async () => {
  await relay?.stop()
  await gateway?.stop()
  await ioc?.stop()
  hostServer?.close()
})

const inside = (code: string, env: Readonly<Record<string, string>> = gateway.clientEnv) => python(code, env, relay.netnsPath)

const reach = (port: number) => `
import json, socket
try:
    socket.create_connection(("127.0.0.1", ${port}), timeout=2).close()
    print(json.dumps("reached"))
except OSError as e:
    print(json.dumps(type(e).__name__))
`

describe("the relay into a read-only run's network namespace", () => {
  it("reaches the IOC's PVs through the gateways, and nothing else: not the IOC, not the host's services", async () => {
    const ca = await inside(`import json, epics\nprint(json.dumps([epics.caget("${ioc.prefix}SETPOINT", timeout=5), epics.caget("${ioc.prefix}NAME", timeout=5)]))`)
    expect(ca.result, ca.stderr).toEqual([await ioc.get(`${ioc.prefix}SETPOINT`), "hello"])
    const pva = await inside(`import json\nfrom p4p.client.thread import Context\nprint(json.dumps(Context("pva").get("${ioc.prefix}WAVE", timeout=5).tolist()))`)
    expect(pva.result, pva.stderr).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5])

    // The IOC itself, with its own addresses: no route.
    const direct = await inside(`import json, epics\nprint(json.dumps(epics.caget("${ioc.prefix}SETPOINT", timeout=2)))`, ioc.env)
    expect(direct.result).toBeNull()
    const directPva = await inside(`import json\nfrom p4p.client.thread import Context\ntry:\n    Context("pva").get("${ioc.prefix}WAVE", timeout=2)\n    print(json.dumps("reached"))\nexcept Exception as e:\n    print(json.dumps(type(e).__name__))`, ioc.env)
    expect(directPva.result).toBe("TimeoutError")
    for (const port of [ioc.ca.port, ioc.pva.tcpPort, hostPort, 5432]) {
      expect((await inside(reach(port))).result, `127.0.0.1:${port}`).toBe("ConnectionRefusedError")
    }
    // Only loopback exists in there.
    const links = await inside(`import json, socket\nprint(json.dumps([name for _, name in socket.if_nameindex()]))`)
    expect(links.result).toEqual(["lo"])
  })

  it("refuses writes made from inside, whatever client makes them; the PV stays as it was", async () => {
    const pv = `${ioc.prefix}SETPOINT`
    const before = await ioc.get(pv)
    const caput = await inside(`import json, epics\ntry:\n    epics.caput("${pv}", 9.5, wait=True, timeout=3)\n    print(json.dumps("accepted"))\nexcept Exception as e:\n    print(json.dumps(str(e)))`)
    expect(caput.result).toEqual(expect.stringContaining("Write access denied"))
    const raw = await inside(rawWrites(pv, gateway.ca.port))
    expect(raw.result, raw.stderr).toMatchObject({ WriteRequest: "ErrorResponse ECA_NOWTACCESS", WriteNotifyRequest: "WriteNotifyResponse ECA_NOWTACCESS" })
    const put = await inside(`import json\nfrom p4p.client.thread import Context\ntry:\n    Context("pva").put("${pv}", 9.5, timeout=5)\n    print(json.dumps("accepted"))\nexcept Exception as e:\n    print(json.dumps(str(e)))`)
    expect(put.result).toBe("Put permission denied by gateway")
    expect(await ioc.get(pv)).toEqual(before)
  })

  it("enters an existing namespace (--netns PATH); UDP replies go back to the client that asked", async () => {
    const echo = dgram.createSocket("udp4")
    echo.on("message", (message, from) => echo.send(Buffer.concat([Buffer.from("echo:"), message]), from.port, from.address))
    await new Promise<void>((resolve) => echo.bind(0, "127.0.0.1", resolve))
    const echoPort = echo.address().port
    const tcpEcho = net.createServer((socket) => socket.pipe(socket))
    await new Promise<void>((resolve) => tcpEcho.listen(0, "127.0.0.1", resolve))
    const tcpEchoPort = (tcpEcho.address() as net.AddressInfo).port
    const [udpInside, tcpInside] = [await ReadOnlyGateway.freePort(), await ReadOnlyGateway.freePort()]
    const second = await NetnsRelay.startRelay({
      python: "python3",
      netns: relay.netnsPath,
      forwards: [
        { protocol: "udp", port: udpInside, target: `127.0.0.1:${echoPort}` },
        { protocol: "tcp", port: tcpInside, target: `127.0.0.1:${tcpEchoPort}` }
      ]
    })
    try {
      expect(second.netnsPath).toBe(relay.netnsPath)
      const out = await inside(`
import json, socket, threading
answers = {}
def client(name):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(3)
    got = []
    for i in range(5):
        s.sendto(f"{name}-{i}".encode(), ("127.0.0.1", ${udpInside}))
        got.append(s.recvfrom(100)[0].decode())
    answers[name] = got
threads = [threading.Thread(target=client, args=(n,)) for n in ("a", "b", "c")]
[t.start() for t in threads]
[t.join() for t in threads]
t = socket.create_connection(("127.0.0.1", ${tcpInside}), timeout=3)
t.sendall(b"x" * 100000)
t.shutdown(socket.SHUT_WR)
data = b""
while chunk := t.recv(65536):
    data += chunk
answers["tcp"] = len(data)
print(json.dumps(answers))
`)
      expect(out.result, out.stderr).toEqual({
        a: ["echo:a-0", "echo:a-1", "echo:a-2", "echo:a-3", "echo:a-4"],
        b: ["echo:b-0", "echo:b-1", "echo:b-2", "echo:b-3", "echo:b-4"],
        c: ["echo:c-0", "echo:c-1", "echo:c-2", "echo:c-3", "echo:c-4"],
        tcp: 100_000
      })
    } finally {
      await second.stop()
      echo.close()
      tcpEcho.close()
    }
  })

  it("ends when its stdin closes, and its namespace goes with it", async () => {
    const child = spawn("python3", [relayScript, "--new-netns", "--tcp", "127.0.0.1:9=127.0.0.1:9"], { stdio: ["pipe", "pipe", "inherit"] })
    const lines: Array<string> = []
    await new Promise<void>((resolve) =>
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line)
        if (line === "ready") resolve()
      })
    )
    const netns = lines[0]?.replace(/^netns /, "") ?? ""
    expect(fs.readlinkSync(netns)).toMatch(/^net:\[\d+\]$/)
    child.stdin.end()
    await new Promise((resolve) => child.once("exit", resolve))
    expect(fs.existsSync(netns)).toBe(false)
  })

  it("says what is wrong when the namespace is not there", async () => {
    await expect(NetnsRelay.startRelay({ python: "python3", netns: "/proc/999999999/ns/net", forwards: [], log: () => undefined })).rejects.toThrow(
      /relay exited with status 2[\s\S]*No such file or directory[\s\S]*is the process it belongs to still running/
    )
  })

  it("stops quietly with a connection still open: nothing reaches the stderr of the pyexec that started it", async () => {
    const logged: Array<string> = []
    const own = await NetnsRelay.startRelay({ python: "python3", netns: "new", forwards: NetnsRelay.forwardsTo(gateway), log: (line) => logged.push(line) })
    const client = spawn("nsenter", [`--net=${own.netnsPath}`, "python3", "-c", `import socket, time\ns = socket.create_connection(("127.0.0.1", ${gateway.ca.port}))\nprint("connected", flush=True)\ntime.sleep(60)`], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    try {
      await new Promise<void>((resolve) => readline.createInterface({ input: client.stdout! }).on("line", (line) => line === "connected" && resolve()))
      // the relay has taken the connection once it relays to the gateway: give it a moment
      await new Promise((r) => setTimeout(r, 300))
      await own.stop()
      expect(logged).toEqual([])
    } finally {
      client.kill()
    }
  })
})
