import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { EpicsIoc } from "@pyexec/testing"
import * as ReadOnlyGateway from "../src/gateway/ReadOnlyGateway.js"
import { rawWrites } from "./support/caRaw.js"
import { python } from "./support/python.js"

// The read-only gateways against a real IOC (pythonSoftIOC: EPICS base's rsrv and pvxs qsrv). Every client
// below is a separate process that knows only the gateway's addresses; an independent direct read of the IOC
// checks that a refused write changed nothing.

const gatewayDir = fileURLToPath(new URL("../gateway/", import.meta.url))
let ioc: EpicsIoc.EpicsIoc
let gateway: ReadOnlyGateway.ReadOnlyGateway
const gatewayLog: Array<string> = []
let P = ""

beforeAll(async () => {
  ioc = await EpicsIoc.start()
  P = ioc.prefix
  gateway = await ReadOnlyGateway.start({ python: "python3", upstreamEnv: ioc.env, log: (line) => gatewayLog.push(line) })
}, 60_000)
afterAll(async () => {
  await gateway?.stop()
  await ioc?.stop()
})

/** Writes a PV on the IOC itself, bypassing the gateway (the operator's side). */
const directPut = async (pv: string, value: number) => {
  const out = await python(`from caproto.sync.client import write\nwrite(${JSON.stringify(pv)}, ${value}, notify=True, timeout=5, repeater=False)`, ioc.env)
  expect(out.code, out.stderr).toBe(0)
}

const pyepicsReads = (prefix: string) => `
import json, epics
P = ${JSON.stringify(prefix)}
rb = epics.PV(P + "READBACK", form="ctrl")
assert rb.wait_for_connection(5)
value = rb.get(timeout=5)
timed = epics.PV(P + "READBACK", form="time")
timed.wait_for_connection(5)
timed.get(timeout=5)
mode = epics.PV(P + "MODE", form="ctrl")
mode.wait_for_connection(5)
sp = epics.PV(P + "SETPOINT", form="ctrl")
sp.wait_for_connection(5)
sp.get(timeout=5)
print(json.dumps({
    "value": value, "units": rb.units, "precision": rb.precision,
    "limits": [rb.lower_disp_limit, rb.upper_disp_limit, rb.lower_alarm_limit, rb.lower_warning_limit,
               rb.upper_warning_limit, rb.upper_alarm_limit],
    "ctrl": [sp.lower_ctrl_limit, sp.upper_ctrl_limit],
    "severity": rb.severity, "status": rb.status, "timestamp": timed.timestamp,
    "mode": mode.get(), "mode_string": mode.get(as_string=True), "enum_strs": list(mode.enum_strs),
    "wave": epics.caget(P + "WAVE").tolist(), "name": epics.caget(P + "NAME"),
    "note": epics.caget(P + "NOTE", as_string=True), "count": epics.caget(P + "COUNT"),
    "read_access": rb.read_access, "write_access": rb.write_access,
}))
`

describe("the read-only Channel Access gateway", () => {
  it("gives pyepics what the IOC gives: values, units, limits, precision, alarms, timestamps, enums, arrays, strings", async () => {
    const [through, direct] = await Promise.all([python(pyepicsReads(P), gateway.clientEnv), python(pyepicsReads(P), ioc.env)])
    expect(through.code, through.stderr).toBe(0)
    expect(direct.code, direct.stderr).toBe(0)
    const { write_access: _gw, ...gatewayView } = through.result as Record<string, unknown>
    const { write_access: _direct, ...directView } = direct.result as Record<string, unknown>
    expect(gatewayView).toEqual(directView)
    expect(through.result).toMatchObject({
      units: "mA",
      precision: 3,
      ctrl: [0, 10],
      enum_strs: ["Off", "On", "Standby"],
      mode_string: "On",
      wave: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
      name: "hello",
      note: "a note longer than forty characters, to need a char array",
      count: 7,
      read_access: true,
      write_access: false
    })
  })

  it("serves caproto's client every DBR type it asks for, and keeps monitors live from upstream", async () => {
    const code = `
import json, subprocess, sys, time
import caproto as ca
from caproto.threading.client import Context
P = ${JSON.stringify(P)}
ctx = Context(timeout=5)
rb, mode, wave, name = ctx.get_pvs(P + "READBACK", P + "MODE", P + "WAVE", P + "NAME")
for pv in (rb, mode, wave, name):
    pv.wait_for_connection()
ctrl = rb.read(data_type="control").metadata
timed = rb.read(data_type="time").metadata
events = []
def on_event(sub, response):  # caproto holds callbacks weakly: a module-level function stays alive
    events.append((float(response.data[0]), int(response.metadata.severity)))
sub = rb.subscribe(data_type="time")
sub.add_callback(on_event)
deadline = time.time() + 5
while not events and time.time() < deadline:
    time.sleep(0.05)
print("subscribed", flush=True)
sys.stdin.readline()  # the test writes the IOC directly meanwhile
time.sleep(1.0)
print(json.dumps({
    "units": ctrl.units.decode(), "precision": ctrl.precision, "hihi": ctrl.upper_alarm_limit,
    "severity": int(timed.severity), "status": int(timed.status), "stamp": timed.timestamp,
    "class": rb.read(data_type=ca.ChannelType.CLASS_NAME).metadata.value.decode(),
    "enum": [s.decode() for s in mode.read(data_type="control").metadata.enum_strings[:3]],
    "wave": wave.read().data.tolist(), "wave_strings": [s.decode() for s in wave.read(data_type=ca.ChannelType.STRING).data],
    "wave_slice": wave.read(data_count=3).data.tolist(), "name": name.read(data_type="time").data[0].decode(),
    "events": events,
}))
`
    const child = spawn("python3", ["-c", code], { env: { ...stripEpics(process.env), ...gateway.clientEnv }, stdio: ["pipe", "pipe", "pipe"] })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const lines = readline.createInterface({ input: child.stdout })
    const output: Array<string> = []
    await new Promise<void>((resolve, reject) => {
      child.once("exit", () => reject(new Error(`client exited early:\n${stderr}`)))
      lines.on("line", (line) => {
        output.push(line)
        if (line === "subscribed") resolve()
      })
    })
    await directPut(`${P}SETPOINT`, 0.5)
    await directPut(`${P}SETPOINT`, 9)
    await directPut(`${P}SETPOINT`, 1.5)
    child.stdin.end("go\n")
    await new Promise((resolve) => child.once("close", resolve))
    const result = JSON.parse(output.at(-1) ?? "null") as Record<string, unknown>
    expect(result, stderr).toMatchObject({
      units: "mA",
      precision: 3,
      hihi: 8,
      class: "ai",
      enum: ["Off", "On", "Standby"],
      wave: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
      wave_slice: [0, 0.5, 1],
      name: "hello"
    })
    expect(result.wave_strings).toHaveLength(10)
    // The current value on subscription, then each change with its alarm: 0.5 none, 9 MAJOR, 1.5 MINOR.
    expect((result.events as Array<[number, number]>).slice(-3)).toEqual([
      [0.5, 0],
      [9, 2],
      [1.5, 1]
    ])
  })

  it("refuses every kind of write, tells the client, logs it, and leaves the IOC's PV as it was", async () => {
    const pv = `${P}SETPOINT`
    const before = await ioc.get(pv)

    const pyepics = await python(`
import json, epics
out = {}
for wait in (True, False):
    try:
        epics.caput(${JSON.stringify(pv)}, 9.5, wait=wait, timeout=3)
        out[f"caput wait={wait}"] = "accepted"
    except Exception as e:
        out[f"caput wait={wait}"] = str(e)
print(json.dumps(out))
`, gateway.clientEnv)
    expect(pyepics.result).toEqual({ "caput wait=True": expect.stringContaining("Write access denied"), "caput wait=False": expect.stringContaining("Write access denied") })

    // caproto's clients send the write whatever the access rights say: the gateway answers it.
    const caproto = await python(`
import json
from caproto.threading.client import Context
(pv,) = Context(timeout=5).get_pvs(${JSON.stringify(pv)})
pv.wait_for_connection()
response = pv.write([9.5], wait=True)
print(json.dumps({"status": response.status.name}))
`, gateway.clientEnv)
    expect(caproto.result, caproto.stderr).toEqual({ status: "ECA_NOWTACCESS" })
    const cli = await python(`import subprocess, sys\nsys.exit(subprocess.run(["caproto-put", "--no-repeater", ${JSON.stringify(pv)}, "9.5"]).returncode)`, gateway.clientEnv)
    expect(cli.stdout).toContain("ECA_NOWTACCESS")

    // A client that speaks the protocol itself and ignores the READ-only access rights.
    const raw = await python(rawWrites(pv, gateway.ca.port), gateway.clientEnv)
    expect(raw.result, raw.stderr).toEqual({
      access: "READ",
      WriteRequest: "ErrorResponse ECA_NOWTACCESS",
      WriteNotifyRequest: "WriteNotifyResponse ECA_NOWTACCESS",
      "WriteNotifyRequest PUT_ACKT": "WriteNotifyResponse ECA_NOWTACCESS",
      "then a read": "read ok"
    })

    expect(await ioc.get(pv)).toEqual(before)
    expect(gatewayLog.join("\n")).toMatch(new RegExp(`refused WriteRequest to ${pv} from 127\\.0\\.0\\.1:\\d+ \\(mallory@evil\\)`))
    expect(gatewayLog.join("\n")).toContain(`refused WriteNotifyRequest to ${pv}`)
  })

  it("never calls a write or put function: its source, read by Python's own parser", async () => {
    const scan = (file: string) => python(`${scanForWrites}\nprint(json.dumps(offending(${JSON.stringify(file)})))`, {})
    const source = path.join(gatewayDir, "pyexec_ca_gateway.py")
    const found = await scan(source)
    expect(found.code, found.stderr).toBe(0)
    expect(found.result).toEqual([])
    // The scan does find a write when there is one.
    const planted = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-scan-")), "planted.py")
    fs.writeFileSync(planted, `${fs.readFileSync(source, "utf8")}\n\nasync def sneaky(pv):\n    await pv.write([1.0])\n    ca.WriteNotifyRequest(data=[1.0], data_type=6, data_count=1, sid=0, ioid=0)\n`)
    expect((await scan(planted)).result).toEqual([expect.stringContaining("write"), expect.stringContaining("WriteNotifyRequest")])
  })

  it("tells a client when the IOC of a channel goes away", async () => {
    const other = await EpicsIoc.start()
    const second = await ReadOnlyGateway.start({ python: "python3", upstreamEnv: other.env, log: () => undefined })
    try {
      const code = `
import json, sys, time, epics
states = []
pv = epics.PV(${JSON.stringify(`${other.prefix}READBACK`)}, connection_callback=lambda conn, **kw: states.append(conn))
pv.wait_for_connection(5)
print("connected", flush=True)
sys.stdin.readline()
deadline = time.time() + 10
while pv.connected and time.time() < deadline:
    time.sleep(0.1)
print(json.dumps({"states": states, "connected": pv.connected}))
`
      const child = spawn("python3", ["-c", code], { env: { ...stripEpics(process.env), ...second.clientEnv }, stdio: ["pipe", "pipe", "pipe"] })
      const output: Array<string> = []
      await new Promise<void>((resolve, reject) => {
        child.once("exit", () => reject(new Error("client exited early")))
        readline.createInterface({ input: child.stdout }).on("line", (line) => {
          output.push(line)
          if (line === "connected") resolve()
        })
      })
      await other.stop()
      child.stdin.end("go\n")
      await new Promise((resolve) => child.once("close", resolve))
      expect(JSON.parse(output.at(-1) ?? "null")).toEqual({ states: [true, false], connected: false })
    } finally {
      await second.stop()
      await other.stop()
    }
  })
})

describe("the read-only PV Access gateway (p4p's pvagw)", () => {
  it("passes gets and monitors with their metadata; refuses put and RPC with an error the client sees", async () => {
    const pv = `${P}COUNT`
    const before = await ioc.pvaGet(pv)
    const code = `
import json, time
from p4p.client.thread import Context
from p4p.nt import NTScalar
P = ${JSON.stringify(P)}
direct = Context("pva", conf=${JSON.stringify(pvaOnly(ioc.env))}, useenv=False)
ctx = Context("pva")
rb = ctx.get(P + "READBACK").raw
out = {
    "value": rb.value, "units": rb.display.units, "precision": rb.display.precision,
    "severity": rb.alarm.severity, "stamp": rb.timeStamp.secondsPastEpoch,
    "direct_stamp": direct.get(P + "READBACK").raw.timeStamp.secondsPastEpoch,
    "mode": ctx.get(P + "MODE").raw.todict()["value"], "wave": ctx.get(P + "WAVE").tolist(), "name": ctx.get(P + "NAME"),
}
events = []
sub = ctx.monitor(P + "COUNT", lambda v: events.append(int(v)))
deadline = time.time() + 5
while not events and time.time() < deadline:
    time.sleep(0.05)
direct.put(P + "COUNT", 11)
time.sleep(0.5)
direct.put(P + "COUNT", ${JSON.stringify(before)})
time.sleep(0.5)
sub.close()
out["events"] = events
for what, attempt in (("put", lambda: ctx.put(P + "COUNT", 99, timeout=5)),
                      ("rpc", lambda: ctx.rpc(P + "COUNT", NTScalar("i").wrap(99), timeout=5))):
    try:
        attempt()
        out[what] = "accepted"
    except Exception as e:
        out[what] = f"{type(e).__name__}: {e}"
print(json.dumps(out))
`
    const out = await python(code, gateway.clientEnv)
    expect(out.code, out.stderr).toBe(0)
    const result = out.result as Record<string, unknown>
    expect(result).toMatchObject({
      units: "mA",
      precision: 3,
      mode: { index: 1, choices: ["Off", "On", "Standby"] },
      wave: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
      name: "hello",
      events: [before, 11, before],
      put: "RemoteError: Put permission denied by gateway",
      rpc: "RemoteError: RPC permission denied by gateway"
    })
    expect(result.stamp).toBe(result.direct_stamp)
    expect(await ioc.pvaGet(pv)).toEqual(before)
    expect(await ioc.get(pv)).toEqual(before)
  })
})

describe("starting the gateways", () => {
  it("each gateway ends when its stdin closes, so it dies with its parent", async () => {
    const port = await ReadOnlyGateway.freePort()
    for (const args of [
      ["pyexec_ca_gateway.py", "--port", String(port)],
      ["pyexec_pva_gateway.py", "--udp-port", String(port)]
    ] as const) {
      const child = spawn("python3", [path.join(gatewayDir, args[0]), ...args.slice(1)], { env: { ...stripEpics(process.env), ...ioc.env }, stdio: ["pipe", "pipe", "inherit"] })
      await new Promise<void>((resolve) => readline.createInterface({ input: child.stdout }).on("line", (line) => line === "ready" && resolve()))
      const started = performance.now()
      child.stdin.end()
      await new Promise((resolve) => child.once("exit", resolve))
      expect(performance.now() - started).toBeLessThan(5_000)
    }
  })

  it("releases an upstream channel nobody has used for a while, and connects it again when asked", async () => {
    const port = await ReadOnlyGateway.freePort()
    const child = spawn("python3", [path.join(gatewayDir, "pyexec_ca_gateway.py"), "--port", String(port), "--idle-seconds", "1", "--verbose"], {
      env: { ...stripEpics(process.env), ...ioc.env },
      stdio: ["pipe", "pipe", "pipe"]
    })
    const log: Array<string> = []
    readline.createInterface({ input: child.stderr }).on("line", (line) => log.push(line))
    try {
      await new Promise<void>((resolve) => readline.createInterface({ input: child.stdout }).on("line", (line) => line === "ready" && resolve()))
      const env = { ...gateway.clientEnv, EPICS_CA_SERVER_PORT: String(port) }
      const read = `import json\nfrom caproto.sync.client import read\nprint(json.dumps(int(read("${P}COUNT", timeout=5, repeater=False).data[0])))`
      expect((await python(read, env)).result).toBe(7)
      const deadline = Date.now() + 10_000
      while (!log.some((line) => line.includes(`releasing idle channel ${P}COUNT`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      expect(log.join("\n")).toContain(`releasing idle channel ${P}COUNT`)
      expect((await python(read, env)).result).toBe(7)
      expect(log.filter((line) => line.includes(`connected ${P}COUNT upstream`))).toHaveLength(2)
    } finally {
      child.stdin.end()
      await new Promise((resolve) => child.once("close", resolve))
    }
  })

  it("says what to fix when the Python lacks caproto and p4p, or is not there", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-python-"))
    const bare = path.join(dir, "python")
    // The same interpreter without its site-packages.
    fs.writeFileSync(bare, `#!/bin/sh\nexec python3 -S "$@"\n`, { mode: 0o755 })
    await expect(ReadOnlyGateway.start({ python: bare, upstreamEnv: ioc.env, log: () => undefined })).rejects.toThrow(
      /Channel Access gateway exited with status 1[\s\S]*No module named 'caproto'[\s\S]*install requirements\.txt/
    )
    await expect(ReadOnlyGateway.start({ python: "/nonexistent/python3", log: () => undefined })).rejects.toThrow(/could not be started \(\/nonexistent\/python3\).*ENOENT/)
  })
})

const pvaOnly = (env: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith("EPICS_PVA_")))

const stripEpics = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("EPICS_")))

/** Python: the calls in a file that could send a write upstream (by name), or reach a function by a string. */
const scanForWrites = `
import ast, json
WRITE = ("write", "put", "caput")
INDIRECT = {"getattr", "setattr", "eval", "exec", "compile", "__import__", "__getattribute__"}
WRITE_COMMANDS = {"WriteRequest", "WriteNotifyRequest"}
# What a server sends its own clients, not upstream: the answer to a refused write, and asyncio.Queue's
# put_nowait into the server's own queue of subscription updates.
DOWNSTREAM = {"WriteNotifyResponse", "put_nowait"}
def offending(path):
    found = []
    for node in ast.walk(ast.parse(open(path).read(), path)):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        called_write = any(word in name.lower() for word in WRITE) and name not in DOWNSTREAM
        if called_write or name in INDIRECT or name in WRITE_COMMANDS:
            found.append((node.lineno, f"line {node.lineno}: {name}(...)"))
    return [text for _, text in sorted(found)]
`
