// The model host: a child process of pyexec that runs a GGUF model with node-llama-cpp and speaks JSON lines
// over stdio (protocol.ts describes the messages). It loads the model given as its one argument (JSON: modelPath,
// threads, contextSize), says `ready`, then answers one `generate` at a time, streaming the reply's pieces.
// Plain JavaScript, so that Node runs it without a loader; pyexec starts it in a sandbox (sandbox.ts).
import * as net from "node:net"
import * as readline from "node:readline"
import { getLlama, LlamaChatSession } from "node-llama-cpp"

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`)

/** Whether a TCP connection can be opened at all: the model needs none, and pyexec reports it if so. */
const networkReachable = () =>
  new Promise((resolve) => {
    const socket = net.connect({ host: "1.1.1.1", port: 53, timeout: 2000 })
    const done = (reachable) => {
      socket.destroy()
      resolve(reachable)
    }
    socket.once("connect", () => done(true))
    socket.once("timeout", () => done(true))
    socket.once("error", (e) => done(e.code !== "ENETUNREACH" && e.code !== "EACCES" && e.code !== "EPERM"))
  })

const options = JSON.parse(process.argv[2] ?? "{}")
const started = performance.now()
let llama, model, context
try {
  // never build llama.cpp nor download anything: the prebuilt CPU binary or nothing
  llama = await getLlama({ gpu: false, build: "never", logLevel: "error" })
  model = await llama.loadModel({ modelPath: options.modelPath })
  context = await model.createContext({ contextSize: options.contextSize, threads: options.threads })
} catch (e) {
  send({ type: "failed", message: e instanceof Error ? e.message : String(e) })
  process.exit(1)
}
const sequence = context.getSequence()
send({ type: "ready", loadMs: Math.round(performance.now() - started), network: (await networkReachable()) ? "reachable" : "none", uid: process.getuid() })

/** Generations waiting their turn (one context, one at a time), each with its way to be cancelled. */
let queue = Promise.resolve()
const pending = new Map()

const generate = async ({ id, messages, settings }) => {
  const abort = pending.get(id)
  if (abort.signal.aborted) {
    pending.delete(id)
    return send({ type: "error", id, message: "cancelled" })
  }
  const system = messages.filter((m) => m.role === "system").map((m) => m.content).join("\n\n")
  const turns = messages.filter((m) => m.role !== "system")
  const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: system, autoDisposeSequence: false })
  try {
    // earlier turns of the chat as history, the last user message as the prompt
    const history = session.getChatHistory()
    for (const turn of turns.slice(0, -1)) {
      history.push(turn.role === "user" ? { type: "user", text: turn.content } : { type: "model", response: [turn.content] })
    }
    session.setChatHistory(history)
    let tokens = 0
    const reply = await session.promptWithMeta(turns.at(-1)?.content ?? "", {
      ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
      ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
      ...(settings.topP !== undefined ? { topP: settings.topP } : {}),
      ...(settings.maxTokens !== undefined ? { maxTokens: settings.maxTokens } : {}),
      ...(settings.stop?.length ? { customStopTriggers: settings.stop } : {}),
      signal: abort.signal,
      stopOnAbortSignal: true,
      onResponseChunk: (chunk) => {
        if (chunk.type !== undefined || chunk.text === "") return
        tokens += chunk.tokens.length
        send({ type: "token", id, text: chunk.text })
      }
    })
    send({ type: "done", id, text: reply.responseText, tokens, stopReason: reply.stopReason })
  } catch (e) {
    send({ type: "error", id, message: e instanceof Error ? e.message : String(e) })
  } finally {
    pending.delete(id)
    // the sequence keeps what it evaluated: the next prompt's beginning that is the same (the system prompt; on a
    // retry, the request too) is not evaluated again (node-llama-cpp's adaptStateToTokens erases only what differs)
    session.dispose({ disposeSequence: false })
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line)
  if (message.type === "generate") {
    pending.set(message.id, new AbortController())
    queue = queue.then(() => generate(message))
  } else if (message.type === "cancel") pending.get(message.id)?.abort()
})
// pyexec closed our stdin: it is gone or done with us
process.stdin.once("end", () => {
  for (const abort of pending.values()) abort.abort()
  queue.then(() => process.exit(0))
})
