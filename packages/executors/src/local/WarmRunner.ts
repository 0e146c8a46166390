import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"
import type { RunOutput } from "@pyexec/core"
import { capped, type Live, live, streams } from "../internal/output.js"
import type { ProcessOutcome } from "../internal/process.js"
import { signalName } from "../internal/signals.js"
import { runnerPath } from "../Runner.js"

const zygotePath = path.join(path.dirname(runnerPath), "pyexec_zygote.py")

interface Pending {
  readonly stdout: ReturnType<typeof capped>
  readonly stderr: ReturnType<typeof capped>
  readonly live: Live
  readonly onPid: (pid: number) => void
  readonly onExit: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void
  readonly onFailure: (error: NodeJS.ErrnoException & { codeMayHaveRun: boolean }) => void
}

type Reply = { id: number; pid?: number; out?: string; err?: string; exit?: number | null; signal?: number | null }

/**
 * A warm Python (runner/pyexec_zygote.py) that forks one child per run: a local run then pays neither the
 * interpreter's start-up nor the preloaded imports. Each child is a session of its own, so the timeout
 * kills its whole process group, as for a cold run. If the zygote dies, the next run starts a new one.
 */
export class WarmRunner {
  private zygote: ChildProcessWithoutNullStreams | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  /** `launch`: how to start the zygote (directly, or inside the sandbox); see `launch` below. */
  constructor(private readonly launch: ZygoteLaunch) {}

  run(
    spec: {
      workDir: string
      /** The run's whole environment. */
      env: Readonly<Record<string, string>>
      timeoutMs: number
      maxOutputBytes: number
      /** Ends the run from outside (its cgroup); default: kill its process group, whose pid the zygote reports. */
      kill?: (() => void) | undefined
      /** Told of the output as it comes (ExecutionJob's onOutput). */
      onOutput?: ((chunk: RunOutput.Chunk) => void) | undefined
    },
    abort: AbortSignal
  ): Promise<ProcessOutcome> {
    const zygote = this.ensureStarted()
    const id = this.nextId++
    const started = performance.now()
    return new Promise<ProcessOutcome>((resolve, reject) => {
      let pid: number | undefined
      let timedOut = false
      const kill = () => (spec.kill ? spec.kill() : pid !== undefined && killGroup(pid))
      const timer = setTimeout(() => {
        timedOut = true
        kill()
      }, spec.timeoutMs)
      const told = live(spec.onOutput)
      abort.addEventListener("abort", () => {
        told.close()
        timedOut = false
        kill()
      })
      const entry: Pending = {
        stdout: capped(spec.maxOutputBytes),
        stderr: capped(spec.maxOutputBytes),
        live: told,
        onPid: (p) => {
          pid = p
          if (timedOut) kill()
        },
        onFailure: (error) => {
          clearTimeout(timer)
          told.close()
          this.pending.delete(id)
          error.codeMayHaveRun = pid !== undefined
          reject(error)
        },
        onExit: ({ code, signal }) => {
          clearTimeout(timer)
          told.close()
          this.pending.delete(id)
          resolve({
            exitCode: code,
            signal,
            ...streams(entry.stdout, entry.stderr),
            timedOut,
            durationMs: performance.now() - started
          })
        }
      }
      this.pending.set(id, entry)
      zygote.stdin.write(`${JSON.stringify({ id, workdir: spec.workDir, env: spec.env })}\n`)
    })
  }

  /** Starts the warm Python now rather than at the first run. */
  start(): this {
    this.ensureStarted()
    return this
  }

  /** Ends the zygote, which kills the runs it still has. */
  close() {
    this.zygote?.stdin.end()
    this.zygote = undefined
  }

  private ensureStarted() {
    if (this.zygote && this.zygote.exitCode === null && !this.zygote.killed) return this.zygote
    const zygote = spawn(this.launch.command, this.launch.args, { stdio: ["pipe", "pipe", "pipe"], env: this.launch.env })
    zygote.stderr.resume()
    const failAll = (error: NodeJS.ErrnoException) => {
      if (this.zygote === zygote) this.zygote = undefined
      for (const entry of this.pending.values()) entry.onFailure(Object.assign(error, { codeMayHaveRun: false }))
    }
    readline.createInterface({ input: zygote.stdout }).on("line", (line) => {
      let reply: Reply
      try {
        reply = JSON.parse(line) as Reply
      } catch {
        // its replies can no longer be told apart: end it (and its runs) rather than guess
        zygote.kill("SIGTERM") // its handler kills the runs it still has, then ends it
        return failAll(new Error(`the warm Python runner sent a broken reply (${line.slice(0, 80)}…); it was ended`))
      }
      this.onReply(reply)
    })
    zygote.on("exit", (code, signal) => failAll(new Error(`the warm Python runner ended (${signal ?? `status ${code}`}) during the run`)))
    zygote.on("error", failAll)
    zygote.unref()
    for (const stream of [zygote.stdin, zygote.stdout, zygote.stderr]) (stream as unknown as { unref?: () => void }).unref?.()
    this.zygote = zygote
    return zygote
  }

  private onReply(reply: Reply) {
    const entry = this.pending.get(reply.id)
    if (!entry) return
    if (reply.pid !== undefined) entry.onPid(reply.pid)
    if (reply.out !== undefined) {
      const chunk = Buffer.from(reply.out, "base64")
      entry.stdout.push(chunk)
      entry.live.stdout.push(chunk)
    }
    if (reply.err !== undefined) {
      const chunk = Buffer.from(reply.err, "base64")
      entry.stderr.push(chunk)
      entry.live.stderr.push(chunk)
    }
    if (reply.exit !== undefined) entry.onExit({ code: reply.exit, signal: signalName(reply.signal) })
  }
}

/** How a zygote is started: its command line and its whole environment. */
export interface ZygoteLaunch {
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly env: Readonly<Record<string, string>>
}

/**
 * A zygote started directly on this host. Its environment is the allow-listed one the runs get (`env`), its
 * imports, and this process's pid, so that it ends with this process.
 */
export const directLaunch = (python: string, preload: ReadonlyArray<string>, env: Readonly<Record<string, string>>): ZygoteLaunch => ({
  command: python,
  args: [zygotePath],
  env: { ...env, PYEXEC_PRELOAD: preload.join(","), PYEXEC_PARENT_PID: String(process.pid) }
})

/** The zygote's argv and environment inside the sandbox (whose init ends it with this process). */
export const sandboxedZygote = (python: string, preload: ReadonlyArray<string>) => ({
  argv: [python, zygotePath],
  env: { PYEXEC_PRELOAD: preload.join(",") }
})

const killGroup = (pid: number) => {
  try {
    process.kill(-pid, "SIGKILL")
  } catch {
    // already gone
  }
}
