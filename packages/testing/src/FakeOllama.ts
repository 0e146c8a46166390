import { type LocalServer, listen, sendJson } from "./httpServer.js"

/**
 * A scripted reply: the assistant's text, or an error Ollama would send. Streamed, the text comes in `pieces`
 * (default 5) chunks, each after `pieceDelayMs` (default none), as a model writes it. A reply with `when` answers
 * only a chat whose last message contains that text (a test's own request, whatever ran before it).
 */
export type Reply = (
  | { readonly content: string; readonly pieces?: number; readonly pieceDelayMs?: number }
  | { readonly status: number; readonly error: string }
) & { readonly when?: string }

export interface FakeOllama extends LocalServer {
  /** The chat requests received, in order: model, messages, stream, and the options (sampling settings) if any. */
  readonly chats: () => ReadonlyArray<{
    model: string
    stream: boolean
    messages: ReadonlyArray<{ role: string; content: string }>
    options?: Readonly<Record<string, unknown>>
  }>
}

const split = (text: string, parts: number): ReadonlyArray<string> => {
  const size = Math.max(1, Math.ceil(text.length / parts))
  const pieces: Array<string> = []
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size))
  return pieces
}

/**
 * Speaks Ollama's /api/chat: NDJSON chunks ending in a `done` line when streaming, one JSON
 * object when not, `{"error": ...}` with a non-2xx status for errors. Replies are served in order: the first whose
 * `when` the chat's last message contains, else the first without a `when`.
 */
export const start = async (replies: ReadonlyArray<Reply>): Promise<FakeOllama> => {
  const queue = [...replies]
  const server = await listen(async (request, response) => {
    if (request.method === "GET" && request.path === "/api/version") return sendJson(response, 200, { version: "0.12.0" })
    if (request.method !== "POST" || request.path !== "/api/chat") return sendJson(response, 404, { error: "not found" })
    const body = request.body as { model: string; stream?: boolean; messages?: ReadonlyArray<{ content: string }> }
    const asked = body.messages?.at(-1)?.content ?? ""
    const matching = queue.findIndex((r) => r.when !== undefined && asked.includes(r.when))
    const next = matching >= 0 ? matching : queue.findIndex((r) => r.when === undefined)
    const reply = next >= 0 ? queue.splice(next, 1)[0]! : { status: 500, error: "the fake Ollama server has no more scripted replies" }
    if ("error" in reply) return sendJson(response, reply.status, { error: reply.error })
    const created_at = new Date().toISOString()
    const final = {
      model: body.model,
      created_at,
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "stop",
      total_duration: 1_000_000,
      load_duration: 1000,
      prompt_eval_count: 10,
      prompt_eval_duration: 1000,
      eval_count: 20,
      eval_duration: 1000
    }
    if (body.stream === false) {
      return sendJson(response, 200, { ...final, message: { role: "assistant", content: reply.content } })
    }
    response.writeHead(200, { "content-type": "application/x-ndjson" })
    for (const piece of split(reply.content, reply.pieces ?? 5)) {
      if (reply.pieceDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.pieceDelayMs))
      if (response.destroyed) return
      response.write(`${JSON.stringify({ model: body.model, created_at, message: { role: "assistant", content: piece }, done: false })}\n`)
    }
    response.end(`${JSON.stringify(final)}\n`)
  })
  return {
    ...server,
    chats: () =>
      server.requests.filter((r) => r.path === "/api/chat").map((r) => {
        const b = r.body as { model: string; stream?: boolean; messages: Array<{ role: string; content: string }>; options?: Record<string, unknown> }
        return { model: b.model, stream: b.stream !== false, messages: b.messages, ...(b.options ? { options: b.options } : {}) }
      })
  }
}
