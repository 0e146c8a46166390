import { spawn } from "node:child_process"
import { Effect } from "effect"
import type { RunOutput } from "@pyexec/core"
import { capped, live, streams } from "./output.js"

export interface ProcessOutcome {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  readonly timedOut: boolean
  readonly durationMs: number
}

export interface ProcessSpec {
  readonly command: string
  readonly args: ReadonlyArray<string>
  readonly cwd: string
  /** The process's whole environment (nothing of this process's is added). */
  readonly env: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly maxOutputBytes: number
  /** Told of the output as it comes (ExecutionJob's onOutput). */
  readonly onOutput?: ((chunk: RunOutput.Chunk) => void) | undefined
}

const killGroup = (pid: number | undefined) => {
  if (pid === undefined) return
  try {
    process.kill(-pid, "SIGKILL")
  } catch {
    // the group is gone already
  }
}

/**
 * Runs a command in its own process group. On timeout, on interruption and after it exits,
 * the whole group is killed, so nothing it started outlives it.
 */
export const runProcess = (spec: ProcessSpec): Effect.Effect<ProcessOutcome, NodeJS.ErrnoException> =>
  Effect.async<ProcessOutcome, NodeJS.ErrnoException>((resume) => {
    const started = performance.now()
    const stdout = capped(spec.maxOutputBytes)
    const stderr = capped(spec.maxOutputBytes)
    const told = live(spec.onOutput)
    let timedOut = false
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk)
      told.stdout.push(chunk)
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk)
      told.stderr.push(chunk)
    })
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, spec.timeoutMs)
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      told.close()
      resume(Effect.fail(error))
    })
    // 'exit' comes when the runner ends; a process it left behind may still hold the pipes,
    // so the group is killed here and the result is read when the pipes close.
    child.on("exit", (code, signal) => {
      exit = { code, signal }
      clearTimeout(timer)
      killGroup(child.pid)
    })
    child.on("close", () => {
      if (!exit) return
      told.close()
      resume(
        Effect.succeed({
          exitCode: exit.code,
          signal: exit.signal,
          ...streams(stdout, stderr),
          timedOut,
          durationMs: performance.now() - started
        })
      )
    })
    return Effect.sync(() => {
      clearTimeout(timer)
      told.close()
      killGroup(child.pid)
    })
  })
