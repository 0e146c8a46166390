import { CodeGenerator, Errors } from "@pyexec/core"
import { Config, Effect, Layer, Option, Redacted, Schema } from "effect"
import { extractCode } from "./extractCode.js"
import * as GenerationSettings from "./GenerationSettings.js"
import { emptyReply, requestFailed } from "./internal/failures.js"
import { serverSentEvents } from "./internal/serverSentEvents.js"
import { messages } from "./Prompt.js"

/** Any server with the OpenAI chat completions API: vLLM, llama.cpp server, LM Studio, ... */
export interface OpenAiOptions {
  /** Up to and including the version, e.g. http://127.0.0.1:8000/v1 */
  readonly baseUrl: string
  readonly model: string
  readonly apiKey?: Redacted.Redacted<string>
  /** None: the server's defaults. */
  readonly settings?: GenerationSettings.GenerationSettings
}

/** One streamed chunk: a piece of the reply, or an error the server sent after it began. */
const Chunk = Schema.Union(
  Schema.Struct({ error: Schema.Struct({ message: Schema.String }) }),
  Schema.Struct({ choices: Schema.Array(Schema.Struct({ delta: Schema.optional(Schema.Struct({ content: Schema.optional(Schema.NullOr(Schema.String)) })) })) })
)
const decodeChunk = Schema.decodeUnknownEither(Schema.parseJson(Chunk))

/** Thrown inside the request: the server's reply broke off or was not what the protocol says. */
class BadStream extends Error {}

const hint = "check that the server runs and that PYEXEC_OPENAI_BASE_URL is right"

/** The request's fields for the settings, as the chat completions API names them. */
const requestFields = (s: GenerationSettings.GenerationSettings) => {
  const named = { temperature: s.temperature, seed: s.seed, top_p: s.topP, max_tokens: s.maxTokens, stop: s.stop }
  return Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined))
}

const headers = (options: OpenAiOptions) => ({
  "content-type": "application/json",
  ...(options.apiKey ? { authorization: `Bearer ${Redacted.value(options.apiKey)}` } : {})
})

/** The reply's text, streamed: each delta told to `onToken`; it is whole only once `[DONE]` came. */
const streamed = async (response: Response, onToken: ((text: string) => void) | undefined, signal: AbortSignal) => {
  let text = ""
  const events = serverSentEvents(response.body!)
  // a connection lost mid-reply is a broken reply, not a server that cannot be reached
  const next = () =>
    events.next().catch((e: unknown) => {
      if (signal.aborted) throw e
      throw new BadStream(`the reply broke off: ${e instanceof Error ? e.message : String(e)}`)
    })
  for (let event = await next(); !event.done; event = await next()) {
    const data = event.value
    if (data === "[DONE]") return text
    const chunk = decodeChunk(data)
    if (chunk._tag === "Left") throw new BadStream(`a streamed chunk is not a completion chunk: ${data.slice(0, 200)}`)
    if ("error" in chunk.right) throw new BadStream(`the server failed while replying: ${chunk.right.error.message}`)
    const piece = chunk.right.choices[0]?.delta?.content
    if (piece) {
      text += piece
      onToken?.(piece)
    }
  }
  throw new BadStream("the reply ended before [DONE]")
}

export const make = (options: OpenAiOptions): CodeGenerator.CodeGenerator["Type"] => {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`
  return CodeGenerator.CodeGenerator.of({
    generate: (input) => {
      const model = input.request.model ?? options.model
      return Effect.tryPromise({
        try: async (signal) => {
          const response = await fetch(url, {
            method: "POST",
            signal,
            headers: headers(options),
            body: JSON.stringify({ model, messages: messages(input), stream: true, ...requestFields(options.settings ?? {}) })
          })
          if (!response.ok) {
            const body = await response.text()
            throw Object.assign(new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`), { status: response.status })
          }
          return streamed(response, input.onToken, signal)
        },
        catch: (error) =>
          error instanceof BadStream
            ? new Errors.GenerationFailed({ reason: "bad-reply", message: `${url}: ${error.message}`, cause: error })
            : (error as { status?: number }).status === 404
              ? new Errors.GenerationFailed({ reason: "model-not-found", message: `${url} knows no model ${model}: ${String(error)}`, cause: error })
              : requestFailed("the OpenAI-compatible server", url, hint, error)
      }).pipe(
        Effect.flatMap((reply) => {
          const { code, prose } = extractCode(reply)
          return code.length === 0 ? Effect.fail(emptyReply(model)) : Effect.succeed({ code, model, ...(prose ? { prose } : {}) })
        })
      )
    }
  })
}

/** Whether the server answers at all (any HTTP status will do), asked before a command waits for anything else. */
export const reachable = (options: OpenAiOptions) =>
  Effect.tryPromise({
    try: (signal) => fetch(`${options.baseUrl.replace(/\/+$/, "")}/models`, { signal, headers: headers(options) }).then((r) => r.body?.cancel()),
    catch: (error) => requestFailed("the OpenAI-compatible server", options.baseUrl, hint, error)
  }).pipe(
    Effect.timeoutFail({
      duration: "5 seconds",
      onTimeout: () => new Errors.GenerationFailed({ reason: "unreachable", message: `the OpenAI-compatible server at ${options.baseUrl} did not answer in 5 s: ${hint}` })
    })
  )

export const layer = (options: OpenAiOptions) => Layer.succeed(CodeGenerator.CodeGenerator, make(options))

/** PYEXEC_OPENAI_BASE_URL, PYEXEC_MODEL, PYEXEC_OPENAI_API_KEY (optional) and the generation settings. */
export const config = Config.all({
  baseUrl: Config.nonEmptyString("PYEXEC_OPENAI_BASE_URL"),
  model: Config.nonEmptyString("PYEXEC_MODEL"),
  apiKey: Config.option(Config.redacted("PYEXEC_OPENAI_API_KEY")),
  settings: GenerationSettings.config
}).pipe(Config.map(({ apiKey, ...rest }): OpenAiOptions => ({ ...rest, ...Option.match(apiKey, { onNone: () => ({}), onSome: (k) => ({ apiKey: k }) }) })))

export const layerConfig = Layer.effect(CodeGenerator.CodeGenerator, Effect.map(config, make))
