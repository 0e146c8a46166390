import { PassThrough } from "node:stream"
import type { ClientChannel } from "ssh2"
import { signalOf } from "../internal/signals.js"
import { splitAt } from "../internal/framing.js"
import { extractResults } from "../internal/bundle.js"
import type { RunOutput } from "@pyexec/core"
import { capped, live, streams } from "../internal/output.js"
import type { ProcessOutcome } from "../internal/process.js"
import type { Connection } from "./connection.js"
import { killScript, parseAnnounce } from "./script.js"

export interface RemoteRunSpec {
  /** The run script (script.ts). */
  readonly command: string
  /** The marker line, then the tar of the job. */
  readonly stdin: Buffer
  /** The run's random marker: it starts the runner's first line on stdout, and on stderr it separates the
   * code's output from the results tar ("\n" marker "\n"). */
  readonly marker: string
  readonly timeoutMs: number
  readonly maxOutputBytes: number
  readonly maxResultBytes: number
  /** The attempt's folder on this host, for the manifest and figures. */
  readonly workDir: string
  /** After a kill, how long the run may take to end before its channel is closed from here. */
  readonly killGraceMs: number
  /** Told of the code's output as it comes (ExecutionJob's onOutput): after the runner's first line, before the marker. */
  readonly onOutput?: ((chunk: RunOutput.Chunk) => void) | undefined
}

/** The runner's pid (its process group) and its folder on the host, from the first line of stdout. */
export interface Announce {
  readonly pid: number
  readonly dir: string
}

export type RunEnd =
  /** The run script ended: the outcome holds the runner's status, output and whether it timed out. */
  | { readonly _tag: "done"; readonly outcome: ProcessOutcome }
  /** No exec channel: the code did not run; another connection may do. */
  | { readonly _tag: "not-started"; readonly error: unknown }
  /** The script ended before it started the runner: the code did not run. */
  | { readonly _tag: "setup-failed"; readonly status: number | null; readonly stderr: string }
  /** The channel ended without an exit status while the code may have been running. */
  | { readonly _tag: "lost"; readonly detail: string; readonly announce: Announce | undefined }

export interface RemoteRun {
  readonly result: Promise<RunEnd>
  /** Kills the run's process group and waits until the run has ended (bounded by killGraceMs). */
  readonly cancel: () => Promise<void>
}

/** Runs a short command on the connection and waits until it has ended. */
const execQuietly = async (connection: Connection, command: string) => {
  const channel = await connection.exec(command)
  await new Promise<void>((resolve) => {
    channel.on("close", resolve)
    channel.resume()
    channel.stderr.resume()
    channel.end()
  })
}

/**
 * One run: one exec channel carrying the job in (stdin), the code's stdout and stderr out, and after the
 * marker on stderr, the tar of the results. On timeout or cancel the runner's process group is killed by a
 * second exec on the same connection, and the script still sends what there is and removes the folder.
 */
export const startRun = (connection: Connection, spec: RemoteRunSpec): RemoteRun => {
  let channel: ClientChannel | undefined
  let announce: Announce | undefined
  let killWanted = false
  let killing: Promise<void> | undefined
  let forceClose: NodeJS.Timeout | undefined

  const kill = () => {
    killWanted = true
    if (channel && !forceClose) forceClose = setTimeout(() => channel?.close(), spec.killGraceMs)
    if (!announce || killing) return
    killing = execQuietly(connection, killScript(announce.pid, announce.dir)).catch(() => {
      // no second channel: closing this one ends the runner's output (EPIPE), and its watchdog ends the rest
      channel?.close()
    })
  }

  const run = async (): Promise<RunEnd> => {
    try {
      channel = await connection.exec(spec.command)
    } catch (error) {
      return { _tag: "not-started", error }
    }
    const began = performance.now()
    const stdout = capped(spec.maxOutputBytes)
    const stderr = capped(spec.maxOutputBytes)
    const told = live(spec.onOutput)
    const out = (chunk: Buffer) => {
      stdout.push(chunk)
      told.stdout.push(chunk)
    }
    const archive = new PassThrough()
    let resultsError: unknown
    const results = extractResults(archive, spec.workDir, spec.maxResultBytes).catch((error: unknown) => {
      resultsError = error
      archive.resume()
    })
    const split = splitAt(
      Buffer.from(`\n${spec.marker}\n`),
      stderr.push,
      (chunk) => {
        if (resultsError === undefined) archive.write(chunk)
      },
      told.stderr.push
    )
    const announced = Buffer.from(`${spec.marker} `)
    let head: Buffer | undefined = Buffer.alloc(0)
    let timedOut = false
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    let dropped: string | undefined

    channel.on("data", (chunk: Buffer) => {
      if (head === undefined) return out(chunk)
      // what a login script printed before the runner's first line is not the code's
      head = Buffer.concat([head, chunk])
      const at = head.indexOf(announced)
      const nl = at < 0 ? -1 : head.indexOf(10, at)
      if (nl < 0) {
        if (head.length > 65_536) head = head.subarray(head.length - 4096)
        return
      }
      announce = parseAnnounce(head.subarray(at + announced.length, nl).toString("utf8"))
      const rest = head.subarray(nl + 1)
      head = undefined
      if (rest.length > 0) out(rest)
      if (killWanted) kill()
    })
    channel.stderr.on("data", (chunk: Buffer) => split.push(chunk))
    channel.on("exit", (code: number | null, signal?: string) => {
      exit = { code: code ?? null, signal: code === null && signal ? (`SIG${signal}` as NodeJS.Signals) : signalOf(code) }
    })
    const timer = setTimeout(() => {
      timedOut = true
      kill()
    }, spec.timeoutMs)
    if (killWanted) kill()

    await new Promise<void>((resolve) => {
      const unlisten = connection.onClose((error) => {
        dropped = error?.message ?? "the connection closed"
        resolve()
      })
      channel?.on("error", (error: Error) => {
        dropped = error.message
      })
      channel?.on("close", () => {
        unlisten()
        resolve()
      })
      channel?.end(spec.stdin)
    })
    clearTimeout(timer)
    clearTimeout(forceClose)
    const durationMs = performance.now() - began
    split.end()
    told.close()
    archive.end()
    await results

    if (!exit && !killWanted) return { _tag: "lost", detail: dropped ?? "the channel closed without an exit status", announce }
    if (!announce && !killWanted) return { _tag: "setup-failed", status: exit?.code ?? null, stderr: stderr.text() }
    if (resultsError !== undefined && !timedOut) throw resultsError
    return {
      _tag: "done",
      outcome: {
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? (killWanted ? "SIGKILL" : null),
        ...streams(stdout, stderr),
        timedOut,
        durationMs
      }
    }
  }

  const result = run()
  return {
    result,
    cancel: async () => {
      kill()
      await result.then(
        () => undefined,
        () => undefined
      )
      // the kill's own channel is not waited for past the grace: a stuck connection ends with its keepalives
      await Promise.race([killing, new Promise((resolve) => setTimeout(resolve, spec.killGraceMs).unref())])
    }
  }
}
