import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { defaultPorts } from "../src/container/ReadOnlyNetwork.js"
import { docker, job, start } from "./support/container.js"
import * as DockerSite from "./support/dockerSite.js"

// The container-native boundary (container.readOnlyNetwork) attacked against a live IOC: read-only runs sit on an
// internal network whose only other endpoint is the gateway container; the approved write profile's network is
// the control system's. Every attack is a run with no approval; the IOC's values are read in its own container.
let site: DockerSite.DockerSite
let sandbox: Awaited<ReturnType<typeof start>>
const helpers = fs.readFileSync(path.join(import.meta.dirname, "support/attacks.py"), "utf8")
const attack = (body: string) => `${helpers}\n${body}\n`

/** Every IPv4 address of this host (the Docker host): none may be reachable from a read-only run. */
const hostAddresses = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4")
    .map((a) => a!.address)

beforeAll(async () => {
  site = await DockerSite.make()
  sandbox = await start({
    poolSize: 1,
    readOnlyNetwork: { name: site.readOnly, gateway: site.gateway, ...defaultPorts },
    profiles: {
      "read-only": { env: {} },
      write: { env: { EPICS_CA_ADDR_LIST: site.iocAddress, EPICS_CA_AUTO_ADDR_LIST: "NO" }, network: site.controls }
    }
  })
}, 120_000)
afterAll(async () => {
  await sandbox?.close()
  await site?.remove()
}, 60_000)

const readOnly = (body: string) => sandbox.executor.execute(job(attack(body), "read-only"))
const unchanged = Effect.promise(() => site.values()).pipe(Effect.map((v) => expect(v).toEqual({ ca: 1, pva: 1 })))

describe("ContainerExecutor on a read-only network (a gateway container, no root)", () => {
  it.live("has a boundary, and reads the IOC through the gateway over both protocols", () =>
    Effect.gen(function* () {
      expect(sandbox.executor.readOnlyBoundary).toMatchObject({ _tag: "enforced" })
      expect(yield* sandbox.executor.problems!()).toEqual([])
      const code = [
        "from caproto.sync.client import read",
        "from p4p.client.thread import Context",
        "results = {'ca': float(read('T:CA', timeout=5).data[0]), 'pva': float(Context('pva').get('T:PVA', timeout=5)),",
        "           'env': os.environ['EPICS_CA_ADDR_LIST'], 'routes': open('/proc/net/route').read().count('\\n') - 1}"
      ].join("\n")
      const result = yield* readOnly(code)
      expect(result.error).toBeNull()
      expect(result.results).toMatchObject({ ca: 1, pva: 1, env: site.gatewayAddress })
    }))

  it.live("a direct caput to the IOC's address does not reach it", () =>
    Effect.gen(function* () {
      const result = yield* readOnly(`results = {"direct": ca_write("${site.iocAddress}", "T:CA", 9.0)}`)
      // a network failure, not any error (a bug in the helper would pass /Error/); the last test shows the same
      // write from the write profile's network does change the PV
      expect(String((result.results as Record<string, unknown>).direct)).toMatch(/^(OSError|TimeoutError|ConnectionRefusedError): |timed out/)
      yield* unchanged
    }))

  it.live("a write through the gateway is refused there", () =>
    Effect.gen(function* () {
      // the read's search makes the gateway connect the channel: the write then reaches the gateway's refusal, not
      // a channel the gateway does not know (which would prove nothing)
      const result = yield* readOnly(`from caproto.sync.client import read\nread("T:CA", timeout=5)\nresults = {"gateway": ca_write(os.environ["EPICS_CA_ADDR_LIST"], "T:CA", 9.0)}`)
      expect((result.results as Record<string, unknown>).gateway).toBe("status 376") // ECA_NOWTACCESS
      yield* unchanged
    }))

  it.live("a run whose code swallows the gateway's refusal is told of it: the result names the PV (from the gateway container's log)", () =>
    Effect.gen(function* () {
      // a read first (its search makes the gateway connect the channel), then a write past the in-process guard, as a
      // CA client library sends it (the client name announced), its answer ignored
      const result = yield* readOnly(
        `from caproto.sync.client import read\nread("T:CA", timeout=5)\nwritten = ca_write(os.environ["EPICS_CA_ADDR_LIST"], "T:CA", 9.0, user=os.environ["USER"])\nresults = {"written": written}`
      )
      expect((result.results as { written: string }).written).toBe("status 376") // ECA_NOWTACCESS, as CA encodes it
      expect(result.error).toMatchObject({ type: "EpicsWriteRefused" })
      expect(result.stderr).toContain("T:CA")
      yield* unchanged
    }))

  it.live("a PV Access put, through the gateway or straight at the IOC, changes nothing", () =>
    Effect.gen(function* () {
      const result = yield* readOnly(
        `results = {"gateway": pva_put(os.environ["EPICS_PVA_ADDR_LIST"], "T:PVA", 9.0), "direct": pva_put("${site.iocAddress}", "T:PVA", 9.0), "tcp": tcp_connect("${site.iocAddress}", 5075)}`
      )
      const { gateway, direct, tcp } = result.results as Record<string, string>
      // the gateway's own refusal (the put reached it), and no answer at all from the IOC's address; the last test
      // shows the same put straight at the IOC does change T:PVA when the network reaches it
      expect(gateway).toContain("Put permission denied by gateway")
      expect(direct).toBe("no answer")
      expect(tcp).not.toBe("connected")
      yield* unchanged
    }))

  it.live("raw UDP to the IOC, broadcasts and TCP to the Docker host reach nothing", () =>
    Effect.gen(function* () {
      const hosts = [...hostAddresses(), `${site.gatewayAddress.replace(/\.\d+$/, ".1")}`]
      const code = [
        `hosts = ${JSON.stringify(hosts)}`,
        "search = HDR.pack(0, 0, 0, 13, 0, 0) + HDR.pack(6, 8, 5, 13, 1, 1) + _pad(b'T:CA')",
        `results = {"udp": [udp_send("${site.iocAddress}", 5064, search), udp_send("255.255.255.255", 5064, search), udp_send("${site.iocAddress}", 5076, b"x" * 8)]}`,
        "from concurrent.futures import ThreadPoolExecutor",
        "targets = [(h, p) for h in hosts for p in (22, 2222, 2375, 5064, 5432, 15064, 15075)]",
        "with ThreadPoolExecutor(16) as pool:",
        "    results['host'] = list(pool.map(lambda t: f'{t[0]}:{t[1]} ' + tcp_connect(*t), targets))"
      ].join("\n")
      const result = yield* readOnly(code)
      expect(result.error).toBeNull()
      const { udp, host } = result.results as { udp: Array<string>; host: Array<string> }
      expect(udp.filter((u) => u.startsWith("answered"))).toEqual([])
      expect(host.filter((h) => h.endsWith("connected"))).toEqual([])
      yield* unchanged
      // the control: the same probes from the write profile's network (the control system's) do get answers, so
      // the silence above is the read-only network's, not probes that could never be answered
      const control = yield* sandbox.executor.execute(job(attack(code), "write"))
      expect(control.error).toBeNull()
      const reached = control.results as { udp: Array<string>; host: Array<string> }
      expect(reached.udp[0]).toMatch(/^answered/)
      expect(reached.host.filter((h) => h.endsWith("connected")).length).toBeGreaterThan(0)
    }))

  it.live("the gateway container does not forward packets", () =>
    Effect.gen(function* () {
      const exec = yield* Effect.promise(() =>
        docker.getContainer(site.gateway).exec({ Cmd: ["cat", "/proc/sys/net/ipv4/ip_forward"], AttachStdout: true })
      )
      const stream = yield* Effect.promise(() => exec.start({}))
      const out = yield* Effect.promise(
        () => new Promise<string>((resolve) => {
          const parts: Array<Buffer> = []
          stream.on("data", (d: Buffer) => parts.push(d))
          stream.on("end", () => resolve(Buffer.concat(parts).toString("latin1")))
        })
      )
      expect(out.trim().endsWith("0")).toBe(true)
    }))

  it.live("something else on the read-only network means no boundary: read-only runs are not started, /readyz names it", () =>
    Effect.gen(function* () {
      const intruder = yield* Effect.promise(async () => {
        const c = await docker.createContainer({ Image: "pyexec-sandbox:2026.11.1", Cmd: ["sleep", "60"], HostConfig: { NetworkMode: site.readOnly } })
        await c.start()
        return c
      })
      try {
        const problems = yield* sandbox.executor.problems!()
        expect(problems.join("\n")).toMatch(/is attached to the read-only network/)
        expect(sandbox.executor.readOnlyBoundary._tag).toBe("missing")
        const refused = yield* Effect.either(readOnly("results = {}"))
        expect(refused._tag).toBe("Left")
      } finally {
        yield* Effect.promise(() => intruder.remove({ force: true }))
      }
      expect(yield* sandbox.executor.problems!()).toEqual([])
      expect(sandbox.executor.readOnlyBoundary._tag).toBe("enforced")
    }))

  // last: it changes the IOC
  it.live("the approved write profile, on the control system's network, does change the PV", () =>
    Effect.gen(function* () {
      const result = yield* sandbox.executor.execute(
        job(attack(`results = {"direct": ca_write("${site.iocAddress}", "T:CA", 9.0), "pva": pva_put("${site.iocAddress}", "T:PVA", 9.0)}`), "write")
      )
      expect(result.results).toEqual({ direct: "status 1", pva: "None" })
      expect(yield* Effect.promise(() => site.values())).toEqual({ ca: 9, pva: 9 })
    }))
})
