import { execFile, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { freePort, retryWhilePortTaken } from "./ports.js"

const run = promisify(execFile)
const iocScript = fileURLToPath(new URL("../python/pyexec_test_ioc.py", import.meta.url))
const getScript = fileURLToPath(new URL("../python/pyexec_epics_get.py", import.meta.url))

/**
 * A pythonSoftIOC IOC: EPICS base's own records, Channel Access server (rsrv) and PV Access server (pvxs
 * qsrv), on 127.0.0.1 and on ports of its own. Its PVs, each `${prefix}NAME`:
 * SETPOINT (ao, mA, 0..10, prec 3; a write is copied to READBACK), READBACK (ai, alarm limits: above 1 is
 * MINOR, above 8 MAJOR), COUNT (longout 7), NAME (stringout "hello"), MODE (mbbo Off/On/Standby, On),
 * WAVE (10 doubles 0, 0.5, ... 4.5), NOTE (a long string in a char waveform of 200).
 */
export interface EpicsIoc {
  readonly prefix: string
  readonly ca: { readonly port: number }
  readonly pva: { readonly tcpPort: number; readonly udpPort: number }
  /** Client settings that reach this IOC only (Channel Access and PV Access). */
  readonly env: Readonly<Record<string, string>>
  /** Reads a PV over Channel Access with caproto's client, independently of the code under test. */
  readonly get: (pv: string) => Promise<unknown>
  /** Reads a PV over PV Access with p4p, independently of the code under test. */
  readonly pvaGet: (pv: string) => Promise<unknown>
  readonly stop: () => Promise<void>
}

export interface EpicsIocOptions {
  /** A Python with softioc, pvxslibs, caproto and p4p (requirements-dev.txt); default python3. */
  readonly python?: string | undefined
}

const withoutEpics = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith("EPICS_")))

export const start = (options: EpicsIocOptions = {}): Promise<EpicsIoc> => retryWhilePortTaken(() => startOnce(options))

const startOnce = async (options: EpicsIocOptions): Promise<EpicsIoc> => {
  const python = options.python ?? "python3"
  const prefix = `PYEXEC${randomBytes(3).toString("hex").toUpperCase()}:`
  const [caPort, repeaterPort, tcpPort, udpPort] = [await freePort(), await freePort(), await freePort(), await freePort()]
  const env = {
    EPICS_CA_ADDR_LIST: "127.0.0.1",
    EPICS_CA_AUTO_ADDR_LIST: "NO",
    EPICS_CA_SERVER_PORT: String(caPort),
    EPICS_CA_REPEATER_PORT: String(repeaterPort),
    EPICS_PVA_ADDR_LIST: "127.0.0.1",
    EPICS_PVA_AUTO_ADDR_LIST: "NO",
    EPICS_PVA_SERVER_PORT: String(tcpPort),
    EPICS_PVA_BROADCAST_PORT: String(udpPort)
  }
  const serverEnv = {
    ...env,
    EPICS_CAS_INTF_ADDR_LIST: "127.0.0.1",
    EPICS_CAS_SERVER_PORT: String(caPort),
    EPICS_CAS_AUTO_BEACON_ADDR_LIST: "NO",
    EPICS_CAS_BEACON_ADDR_LIST: "127.0.0.1",
    EPICS_PVAS_INTF_ADDR_LIST: "127.0.0.1",
    EPICS_PVAS_SERVER_PORT: String(tcpPort),
    EPICS_PVAS_BROADCAST_PORT: String(udpPort),
    EPICS_PVAS_AUTO_BEACON_ADDR_LIST: "NO",
    EPICS_PVAS_BEACON_ADDR_LIST: "127.0.0.1"
  }
  // stdin stays open: the IOC ends at its end-of-file, so it dies with this process.
  const child = spawn(python, [iocScript, "--prefix", prefix], { env: { ...withoutEpics(process.env), ...serverEnv }, stdio: ["pipe", "pipe", "pipe"] })
  let log = ""
  child.stderr.on("data", (chunk: Buffer) => {
    log = `${log}${chunk.toString()}`.slice(-8_192)
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test IOC did not start within 30 s:\n${log}`)), 30_000)
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.trim() !== "ready") return
      clearTimeout(timer)
      resolve()
    })
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the test IOC exited with ${code} (pip install -r requirements-dev.txt: softioc, pvxslibs):\n${log}`))
    })
  })
  const clientEnv = { ...withoutEpics(process.env), ...env }
  const read = async (protocol: "ca" | "pva", pv: string) => {
    const { stdout } = await run(python, [getScript, protocol, pv], { env: clientEnv, timeout: 20_000 })
    return JSON.parse(stdout) as unknown
  }
  return {
    prefix,
    ca: { port: caPort },
    pva: { tcpPort, udpPort },
    env,
    get: (pv) => read("ca", pv),
    pvaGet: (pv) => read("pva", pv),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.stdin.end()
      child.kill("SIGTERM")
      await new Promise((resolve) => child.once("exit", resolve))
    }
  }
}
