import { type LocalServer, listen, sendJson } from "./httpServer.js"

/**
 * A scripted reply: the assistant's text; an error status before the reply; or a reply that fails after its first
 * chunks, by an error event in the stream (as vLLM and llama.cpp's server send) or by the connection closing
 * before `[DONE]`.
 */
export type Reply = string | { readonly status: number; readonly error: string } | { readonly content: string; readonly failAfterChunks: number; readonly by: "error-event" | "cut" }

const chunks = (text: string, parts: number): ReadonlyArray<string> => {
  const size = Math.max(1, Math.ceil(text.length / parts))
  const pieces: Array<string> = []
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size))
  return pieces
}

/**
 * Speaks the OpenAI chat completions API at /v1/chat/completions, one scripted reply a request: one JSON object,
 * or with `stream: true` server-sent events of `chat.completion.chunk` deltas ending in `data: [DONE]`. GET
 * /v1/models lists the model.
 */
export const start = async (replies: ReadonlyArray<Reply>): Promise<LocalServer> => {
  const queue = [...replies]
  return listen((request, response) => {
    if (request.method === "GET" && request.path === "/v1/models") return sendJson(response, 200, { object: "list", data: [{ id: "fake", object: "model" }] })
    if (request.method !== "POST" || request.path !== "/v1/chat/completions") {
      return sendJson(response, 404, { error: { message: "not found", type: "invalid_request_error" } })
    }
    const body = request.body as { model: string; stream?: boolean }
    const reply = queue.shift() ?? { status: 500, error: "no more scripted replies" }
    if (typeof reply !== "string" && "status" in reply) return sendJson(response, reply.status, { error: { message: reply.error, type: "server_error" } })
    const content = typeof reply === "string" ? reply : reply.content
    const id = `chatcmpl-${queue.length}`
    const created = Math.floor(Date.now() / 1000)
    if (body.stream !== true) {
      return sendJson(response, 200, {
        id,
        object: "chat.completion",
        created,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 }
      })
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
    const event = (delta: object, finish: string | null = null) =>
      response.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`)
    event({ role: "assistant", content: "" })
    const pieces = chunks(content, 5)
    for (const [i, piece] of pieces.entries()) {
      if (typeof reply !== "string" && i === reply.failAfterChunks) {
        // what was written reaches the client first, then the connection drops
        if (reply.by === "cut") return void setTimeout(() => response.destroy(), 50)
        response.write(`data: ${JSON.stringify({ error: { message: "the model crashed", type: "server_error" } })}\n\n`)
        return void response.end()
      }
      event({ content: piece })
    }
    event({}, "stop")
    response.end("data: [DONE]\n\n")
  })
}
