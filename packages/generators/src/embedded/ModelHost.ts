import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs/promises"
import * as readline from "node:readline"
import type { GenerationSettings } from "../GenerationSettings.js"
import type { ChatMessage } from "../Prompt.js"
import { decodeReply, type HostOptions, type Ready, type Request } from "./protocol.js"
import { hostCommand, type Isolation } from "./sandbox.js"

/** A reply of the host, whole. */
export interface Reply {
  readonly text: string
  readonly tokens: number
  readonly stopReason: string
}

/** A running model host: the model is loaded, and `generate` asks it for replies, one at a time. */
export interface ModelHost {
  readonly pid: number
  readonly ready: Ready
  readonly isolation: Isolation
  readonly generate: (
    messages: ReadonlyArray<ChatMessage>,
    settings: GenerationSettings,
    onToken: ((text: string) => void) | undefined,
    signal: AbortSignal
  ) => Promise<Reply>
  /** Whether it still runs; a host that died answers nothing more. */
  readonly alive: () => boolean
  readonly close: () => Promise<void>
}

/** The last lines the host wrote on stderr, for the message when it fails. */
const stderrTail = (child: ChildProcess) => {
  let tail = ""
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    tail = (tail + text).slice(-2000)
  })
  return () => tail.trim().split("\n").slice(-5).join(" | ")
}

/** Starts the host in its sandbox and waits until it has loaded the model (or failed to). */
export const start = async (options: HostOptions, loadTimeoutMs = 300_000): Promise<ModelHost> => {
  await fs.access(options.modelPath, fs.constants.R_OK)
  const { command, args, isolation } = await hostCommand(options.modelPath, JSON.stringify(options))
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] })
  const tail = stderrTail(child)
  const waiting = new Map<number, { readonly onToken: ((text: string) => void) | undefined; readonly settle: (reply: Reply | Error) => void }>()
  let nextId = 1
  let exited: string | undefined
  let onReady: (ready: Ready | Error) => void = () => {}
  const loaded = new Promise<Ready | Error>((resolve) => {
    onReady = resolve
  })

  const send = (request: Request) => child.stdin?.write(`${JSON.stringify(request)}\n`)
  child.stdin?.on("error", () => {}) // a host that died is reported by its exit
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    const decoded = decodeReply(line)
    if (decoded._tag === "Left") return
    const reply = decoded.right
    if (reply.type === "ready") return onReady(reply)
    if (reply.type === "failed") return onReady(new Error(`the model could not be loaded: ${reply.message}`))
    const pending = waiting.get(reply.id)
    if (!pending) return
    if (reply.type === "token") return pending.onToken?.(reply.text)
    waiting.delete(reply.id)
    pending.settle(reply.type === "done" ? reply : new Error(`the model failed: ${reply.message}`))
  })
  child.once("error", (e) => onReady(e))
  child.once("exit", (code, signal) => {
    exited = `the model host exited (${signal ?? `code ${code}`})${tail() ? `: ${tail()}` : ""}`
    onReady(new Error(exited))
    for (const pending of waiting.values()) pending.settle(new Error(exited))
    waiting.clear()
  })

  const timer = setTimeout(() => onReady(new Error(`the model was not loaded within ${loadTimeoutMs / 1000} s`)), loadTimeoutMs)
  const ready = await loaded
  clearTimeout(timer)
  if (ready instanceof Error) {
    child.kill("SIGKILL")
    throw ready
  }

  return {
    pid: child.pid!,
    ready,
    isolation,
    alive: () => exited === undefined,
    generate: (messages, settings, onToken, signal) =>
      new Promise<Reply>((resolve, reject) => {
        if (exited) return reject(new Error(exited))
        const id = nextId++
        const cancel = () => send({ type: "cancel", id })
        signal.addEventListener("abort", cancel, { once: true })
        waiting.set(id, {
          onToken,
          settle: (reply) => {
            signal.removeEventListener("abort", cancel)
            return reply instanceof Error ? reject(reply) : resolve(reply)
          }
        })
        send({ type: "generate", id, messages, settings })
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve()
        child.once("exit", () => resolve())
        child.stdin?.end()
        // a host busy in llama.cpp may not read its stdin's end soon
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref()
      })
  }
}
