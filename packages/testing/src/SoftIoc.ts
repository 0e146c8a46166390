import { type ChildProcess, execFile, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { promisify } from "node:util"
import { freePort, retryWhilePortTaken } from "./ports.js"

const run = promisify(execFile)

export interface SoftIoc {
  /** Prefix of the IOC's PVs: `${prefix}A` (int), `${prefix}B` (float), `${prefix}C` (string). */
  readonly prefix: string
  /** Channel Access settings that reach this IOC only, for the code under test and for `get`. */
  readonly env: Readonly<Record<string, string>>
  /** Reads a PV independently of the code under test (caproto's own client). */
  readonly get: (pv: string) => Promise<string>
  /** Sets a PV independently of the code under test (the state a test starts from). */
  readonly put: (pv: string, value: string) => Promise<void>
  readonly stop: () => Promise<void>
}

const waitForStartup = (child: ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    let log = ""
    const timer = setTimeout(() => reject(new Error(`soft IOC did not start within 20 s:\n${log}`)), 20_000)
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes("Server startup complete")) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`soft IOC exited with ${code} (is caproto installed? pip install -r requirements-dev.txt):\n${log}`))
    })
  })

/**
 * What caproto's command-line client printed. It says a time-out on stdout and exits with 0, and waits 1 s unless told
 * (under CI's load a search took longer, and a test compared the time-out's text with the PV's value).
 */
const answered = ({ stdout }: { readonly stdout: string }) => {
  if (stdout.startsWith("Timed out")) throw new Error(`the test IOC did not answer: ${stdout.trim()}`)
  return stdout.trim()
}

/** A real Channel Access server (caproto's example IOC) on 127.0.0.1, on ports of its own. */
export const start = (): Promise<SoftIoc> => retryWhilePortTaken(startOnce)

const startOnce = async (): Promise<SoftIoc> => {
  const prefix = `PYEXEC${randomBytes(3).toString("hex").toUpperCase()}:`
  const serverPort = String(await freePort())
  const repeaterPort = String(await freePort())
  const env = {
    EPICS_CA_ADDR_LIST: "127.0.0.1",
    EPICS_CA_AUTO_ADDR_LIST: "NO",
    EPICS_CA_SERVER_PORT: serverPort,
    EPICS_CA_REPEATER_PORT: repeaterPort,
    EPICS_CAS_INTF_ADDR_LIST: "127.0.0.1",
    EPICS_CAS_SERVER_PORT: serverPort
  }
  const child = spawn("python3", ["-m", "caproto.ioc_examples.simple", "--prefix", prefix], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  await waitForStartup(child)
  return {
    prefix,
    env,
    get: async (pv) => answered(await run("caproto-get", ["--no-repeater", "--timeout", "5", "--format", "{response.data[0]}", pv], { env: { ...process.env, ...env } })),
    put: async (pv, value) => {
      answered(await run("caproto-put", ["--no-repeater", "--timeout", "5", pv, value], { env: { ...process.env, ...env } }))
    },
    stop: async () => {
      child.kill("SIGTERM")
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)))
    }
  }
}
