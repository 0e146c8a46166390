import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { SoftIoc } from "@pyexec/testing"
import { Effect } from "effect"
import { job, start } from "./support/container.js"

// Read-only runs reach the test's soft IOC (on this host's 127.0.0.1) through the read-only gateway only;
// the write profile grants the host's network.
let ioc: SoftIoc.SoftIoc
let sandbox: Awaited<ReturnType<typeof start>>

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
        ""
      ].join("\n")
      const result = yield* sandbox.executor.execute(job(code, "read-only"))
      expect(result.results).toEqual({ reading: 2, write_access: false })
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("2.0")
    }))

  it.live("lets an approved write run change the PV, and refuses a channel-limit violation", () =>
    Effect.gen(function* () {
      const pv = `${ioc.prefix}B`
      const ok = yield* sandbox.executor.execute(job(`import epics\nepics.caput("${pv}", 7.5, wait=True)\nresults = {"done": True}\n`, "write"))
      expect(ok.error).toBeNull()
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("7.5")
      const violation = yield* sandbox.executor.execute(job(`import epics\nepics.caput("${pv}", 50.0, wait=True)\nresults = {}\n`, "write"))
      expect(violation.error?.type).toBe("ChannelLimitViolation")
      expect(yield* Effect.promise(() => ioc.get(pv))).toBe("7.5")
    }))
})
