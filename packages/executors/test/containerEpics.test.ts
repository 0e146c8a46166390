import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { SoftIoc } from "@pyexec/testing"
import { Effect } from "effect"
import { job, start } from "./support/container.js"

// Read-only runs reach the test's soft IOC (on this host's 127.0.0.1) through the read-only gateway only;
// the write profile grants the host's network.
let ioc: SoftIoc.SoftIoc
let sandbox: Awaited<ReturnType<typeof start>>
const helpers = fs.readFileSync(path.join(import.meta.dirname, "support/attacks.py"), "utf8")

beforeAll(async () => {
  ioc = await SoftIoc.start()
  sandbox = await start({
    poolSize: 0,
    gatewayUpstream: ioc.env,
    profiles: { "read-only": { env: {} }, write: { env: { ...ioc.env }, network: "host" } },
    channelLimits: { allowUnlisted: false, channels: [{ pattern: `${ioc.prefix}B`, min: 0, max: 10 }] }
  })
}, 60_000)
afterAll(async () => {
  await sandbox?.close()
  await ioc?.stop()
})

describe("ContainerExecutor against a real soft IOC", () => {
  it.live("has a read-only boundary: the gateway's network", () =>
    Effect.sync(() => expect(sandbox.executor.readOnlyBoundary._tag).toBe("enforced")))

  it.live("refuses at run time a caput hidden behind exec in a read-only run; the PV is unchanged", () =>
    Effect.gen(function* () {
      const pv = `${ioc.prefix}B`
      const code = `import epics\nexec("epics." + "ca" + "put(${JSON.stringify(pv).replace(/"/g, "'")}, 7.0, wait=True)")\nresults = {"done": True}\n`
      const result = yield* sandbox.executor.execute(job(code, "read-only"))
      expect(result.error?.type).toBe("EpicsWriteRefused")
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("2.0")
    }))

  it.live("reads through the gateway in a read-only run, and a write past the guard is refused there", () =>
    Effect.gen(function* () {
      const pv = `${ioc.prefix}B`
      const code = [
        "import epics",
        `reading = epics.caget("${pv}", timeout=10)`,
        "ok = epics.ca.initialize_libca().ca_array_put  # the in-process guard patched ca.libca; the C library still has it",
        `pv = epics.PV("${pv}")`,
        "pv.wait_for_connection(10)",
        "results = {'reading': reading, 'write_access': pv.write_access}",
        // a write past the guard that reaches the gateway: Channel Access spoken by hand (libca would refuse a
        // read-only channel itself, so the gateway would never see it), on the channel the read connected
        `results['raw'] = ca_write(os.environ['EPICS_CA_ADDR_LIST'], "${pv}", 7.0, port=int(os.environ['EPICS_CA_SERVER_PORT']), user=os.environ['USER'])`,
        ""
      ].join("\n")
      const result = yield* sandbox.executor.execute(job(`${helpers}\n${code}`, "read-only"))
      expect(result.results).toEqual({ reading: 2, write_access: false, raw: "status 376" }) // ECA_NOWTACCESS from the gateway
      expect(result.error).toMatchObject({ type: "EpicsWriteRefused" })
      expect(result.stderr).toContain(pv)
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("2.0")
    }))

  it.live("lets an approved write run change the PV, and refuses a channel-limit violation", () =>
    Effect.gen(function* () {
      const pv = `${ioc.prefix}B`
      // the control of the raw write above: the same write, where the network reaches the IOC, changes the PV
      const raw = yield* sandbox.executor.execute(
        job(`${helpers}\nresults = {"raw": ca_write("127.0.0.1", "${pv}", 7.0, port=int(os.environ["EPICS_CA_SERVER_PORT"]))}\n`, "write")
      )
      expect(raw.results).toEqual({ raw: "status 1" })
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("7.0")
      const ok = yield* sandbox.executor.execute(job(`import epics\nepics.caput("${pv}", 7.5, wait=True)\nresults = {"done": True}\n`, "write"))
      expect(ok.error).toBeNull()
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("7.5")
      const violation = yield* sandbox.executor.execute(job(`import epics\nepics.caput("${pv}", 50.0, wait=True)\nresults = {}\n`, "write"))
      expect(violation.error?.type).toBe("ChannelLimitViolation")
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("7.5")
    }))
})
