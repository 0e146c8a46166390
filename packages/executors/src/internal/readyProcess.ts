import { spawn } from "node:child_process"
import * as readline from "node:readline"

/** A helper process that said `ready` on stdout; it ends at end-of-file on its stdin, so it dies with us. */
export interface ReadyProcess {
  readonly pid: number
  /** What it printed on stdout before `ready` (ports, paths). */
  readonly lines: ReadonlyArray<string>
  /** Ends it: end-of-file on its stdin and SIGTERM, then SIGKILL if it lingers. */
  readonly stop: () => Promise<void>
}

export interface ReadySpec {
  /** For messages: what the process is. */
  readonly name: string
  readonly command: string
  readonly args: ReadonlyArray<string>
  /** Its whole environment. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Each stderr line it writes, during start-up and after. */
  readonly log: (line: string) => void
  readonly timeoutMs?: number | undefined
}

/** Why a helper process did not start: its exit status and the tail of what it wrote to stderr. */
export class NotStarted extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string
  ) {
    super(message)
    this.name = "NotStarted"
  }
}

const STOP_GRACE_MS = 3_000

export const startReady = (spec: ReadySpec): Promise<ReadyProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(spec.command, [...spec.args], { env: spec.env, stdio: ["pipe", "pipe", "pipe"] })
    const lines: Array<string> = []
    let stderr = ""
    let started = false
    let settled = false
    let spawnError: Error | undefined
    const exited = new Promise<void>((done) => child.once("close", () => done()))
    const stop = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.stdin.end()
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    }
    const fail = (message: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void stop()
      const tail = stderr.trim().split("\n").slice(-15).join("\n")
      reject(new NotStarted(tail ? `${message}:\n${tail}` : message, child.exitCode, stderr))
    }
    const timer = setTimeout(() => fail(`${spec.name} did not say ready within ${(spec.timeoutMs ?? 20_000) / 1000} s`), spec.timeoutMs ?? 20_000)

    child.stdin.on("error", () => undefined) // it may exit before reading
    readline.createInterface({ input: child.stderr }).on("line", (line) => {
      if (!started) stderr = `${stderr}${line}\n`.slice(-8_192)
      spec.log(line)
    })
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (started) return
      if (line.trim() !== "ready") return void lines.push(line.trim())
      if (settled) return
      started = settled = true
      clearTimeout(timer)
      resolve({ pid: child.pid ?? -1, lines, stop })
    })
    child.once("error", (error) => {
      spawnError = error
    })
    // 'close' comes after the pipes are drained, so the message has all of stderr.
    child.once("close", (code, signal) => {
      if (spawnError) fail(`${spec.name} could not be started (${spec.command}): ${spawnError.message}`)
      else fail(`${spec.name} exited with ${signal ?? `status ${code}`} before it was ready`)
    })
  })
