import { CodeGenerator, Errors } from "@pyexec/core"
import { Config, Effect, Layer } from "effect"
import { Ollama } from "ollama"
import { extractCode } from "./extractCode.js"
import { emptyReply, requestFailed } from "./internal/failures.js"
import { messages } from "./Prompt.js"

export interface OllamaOptions {
  readonly host: string
  readonly model: string
  /** Stream the reply (NDJSON) or wait for it whole. */
  readonly stream: boolean
  readonly temperature?: number
}

export const defaultHost = "http://127.0.0.1:11434"
export const defaultModel = "qwen2.5-coder:7b"

const chat = (client: Ollama, options: OllamaOptions, model: string, input: CodeGenerator.GenerationInput) => {
  const request = {
    model,
    messages: [...messages(input)],
    ...(options.temperature !== undefined ? { options: { temperature: options.temperature } } : {})
  }
  return async (): Promise<string> => {
    if (!options.stream) return (await client.chat({ ...request, stream: false })).message.content
    let text = ""
    for await (const part of await client.chat({ ...request, stream: true })) text += part.message.content
    return text
  }
}

const failed = (options: OllamaOptions, model: string) => (error: unknown) => {
  const status = (error as { status_code?: number }).status_code
  if (status === 404) {
    return new Errors.GenerationFailed({
      reason: "model-not-found",
      message: `Ollama at ${options.host} has no model ${model}: run \`ollama pull ${model}\` or choose another with --model / PYEXEC_MODEL`,
      cause: error
    })
  }
  return requestFailed("Ollama", options.host, "start it with `ollama serve`, or set OLLAMA_HOST", error)
}

export const make = (options: OllamaOptions): CodeGenerator.CodeGenerator["Type"] =>
  CodeGenerator.CodeGenerator.of({
    generate: (input) => {
      const model = input.request.model ?? options.model
      const client = new Ollama({ host: options.host })
      return Effect.tryPromise({ try: chat(client, options, model, input), catch: failed(options, model) }).pipe(
        Effect.onInterrupt(() => Effect.sync(() => client.abort())),
        Effect.flatMap((reply) => {
          const { code, prose } = extractCode(reply)
          return code.length === 0 ? Effect.fail(emptyReply(model)) : Effect.succeed({ code, model, ...(prose ? { prose } : {}) })
        })
      )
    }
  })

export const layer = (options: OllamaOptions) => Layer.succeed(CodeGenerator.CodeGenerator, make(options))

/** OLLAMA_HOST, PYEXEC_MODEL, PYEXEC_OLLAMA_STREAM. */
export const config = Config.all({
  host: Config.string("OLLAMA_HOST").pipe(
    Config.withDefault(defaultHost),
    Config.map((h) => (/^https?:\/\//.test(h) ? h : `http://${h}`))
  ),
  model: Config.nonEmptyString("PYEXEC_MODEL").pipe(Config.withDefault(defaultModel)),
  stream: Config.boolean("PYEXEC_OLLAMA_STREAM").pipe(Config.withDefault(true))
})

export const layerConfig = Layer.effect(CodeGenerator.CodeGenerator, Effect.map(config, make))
