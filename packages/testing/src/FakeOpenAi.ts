import { type LocalServer, listen, sendJson } from "./httpServer.js"

/** Speaks the OpenAI chat completions API at /v1/chat/completions, one scripted reply a request. */
export const start = async (replies: ReadonlyArray<string>): Promise<LocalServer> => {
  const queue = [...replies]
  return listen((request, response) => {
    if (request.method !== "POST" || request.path !== "/v1/chat/completions") {
      return sendJson(response, 404, { error: { message: "not found", type: "invalid_request_error" } })
    }
    const body = request.body as { model: string }
    const content = queue.shift()
    if (content === undefined) return sendJson(response, 500, { error: { message: "no more scripted replies", type: "server_error" } })
    sendJson(response, 200, {
      id: `chatcmpl-${queue.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 }
    })
  })
}
