/**
 * What the read-only gateways cost a read: a caget (and a PVA get) through pyexec's gateways against the same
 * read straight from the IOC (pythonSoftIOC on 127.0.0.1), medians over N runs.
 *   - process: a whole `python -c "import epics; epics.caget(PV)"`, what a run's first read pays;
 *   - connected: one more read on a channel a client holds (ca.get, 200 in a row, mean);
 *   - first sight: a PV name the gateway has not seen yet (it searches upstream before it answers).
 *   pnpm bench:gateway [N]      (the venv's Python on PATH: caproto, p4p, softioc, pyepics)
 */
import { execFileSync } from "node:child_process"
import { EpicsIoc } from "@pyexec/testing"
import * as ReadOnlyGateway from "../src/gateway/ReadOnlyGateway.js"
import { median } from "./stats.js"

const n = Number(process.argv[2] ?? 15)
const ioc = await EpicsIoc.start()
const gateway = await ReadOnlyGateway.start({ python: "python3", upstreamEnv: ioc.env, log: () => undefined })
const pv = `${ioc.prefix}SETPOINT`
const withoutEpics = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("EPICS_")))

const py = (code: string, env: Readonly<Record<string, string>>) => () =>
  execFileSync("python3", ["-c", code], { env: { ...withoutEpics, ...env }, stdio: ["ignore", "pipe", "ignore"] }).toString()

const caget = `import epics\nassert epics.caget("${pv}", timeout=5) is not None`
const pvaget = `from p4p.client.thread import Context\nContext("pva").get("${pv}", timeout=5)`
const connected = `
import time
from epics import ca
chid = ca.create_channel("${pv}")
ca.connect_channel(chid, timeout=5)
ca.get(chid)
t = time.perf_counter()
for _ in range(200):
    ca.get(chid)
print((time.perf_counter() - t) / 200 * 1000)
`
// Fields of one record: each a name neither side has seen in this process; the gateway, on first sight.
const fields = ["DESC", "EGU", "HOPR", "LOPR", "DRVH", "DRVL", "HIHI", "SCAN", "ASG", "TSE", "PINI", "PHAS"]
const firstSight = (prefix: string) => `
import time, epics
times = []
for field in ${JSON.stringify(fields)}:
    t = time.perf_counter()
    assert epics.caget("${prefix}COUNT." + field, timeout=5) is not None
    times.append((time.perf_counter() - t) * 1000)
print(sorted(times)[len(times) // 2])
`

// Warm-up: the gateways hold the upstream channels from here on.
for (const env of [ioc.env, gateway.clientEnv]) {
  py(caget, env)()
  py(pvaget, env)()
}

const rows: Array<readonly [string, number, number]> = []
/** Medians of both, timed in turns so that a change in the machine's load hits both alike. */
const row = async (what: string, direct: () => unknown, through: () => unknown) => {
  const samples: [Array<number>, Array<number>] = [[], []]
  for (let i = 0; i < n; i++) {
    for (const [k, f] of [direct, through].entries()) {
      const t = performance.now()
      await f()
      samples[k as 0 | 1].push(performance.now() - t)
    }
  }
  rows.push([what, median(samples[0]), median(samples[1])])
}
const mean = async (code: string, env: Readonly<Record<string, string>>) => median(Array.from({ length: Math.max(3, Math.floor(n / 3)) }, () => Number(py(code, env)())))

await row("caget, a whole process (pyepics)", py(caget, ioc.env), py(caget, gateway.clientEnv))
await row("PVA get, a whole process (p4p)", py(pvaget, ioc.env), py(pvaget, gateway.clientEnv))
rows.push(["caget on a connected channel (ca.get)", await mean(connected, ioc.env), await mean(connected, gateway.clientEnv)])
rows.push(["caget of a PV the gateway has not seen", Number(py(firstSight(ioc.prefix), ioc.env)()), Number(py(firstSight(ioc.prefix), gateway.clientEnv)())])

await gateway.stop()
await ioc.stop()

const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`)
console.log(`\nmedians over ${n} runs\n`)
console.log("| read | direct | through the gateway | ratio |")
console.log("|---|---|---|---|")
for (const [what, direct, through] of rows) console.log(`| ${what} | ${ms(direct)} | ${ms(through)} | ${(through / direct).toFixed(2)}x |`)
