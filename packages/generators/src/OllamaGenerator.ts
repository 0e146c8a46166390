import { CodeGenerator, Errors } from "@pyexec/core"
import { Config, Effect, Layer } from "effect"
import { Ollama } from "ollama"
import { extractCode } from "./extractCode.js"
import * as GenerationSettings from "./GenerationSettings.js"
import { emptyReply, requestFailed } from "./internal/failures.js"
import { messages } from "./Prompt.js"

export interface OllamaOptions {
  readonly host: string
  readonly model: string
  /** Stream the reply (NDJSON) or wait for it whole. */
  readonly stream: boolean
  /** None: the server's defaults. */
  readonly settings?: GenerationSettings.GenerationSettings
}

export const defaultHost = "http://127.0.0.1:11434"
export const defaultModel = "qwen2.5-coder:7b"
const hint = "start it with `ollama serve`, or set OLLAMA_HOST"

/** The settings as Ollama's `options` names them. */
const ollamaOptions = (s: GenerationSettings.GenerationSettings) => {
  const named = { temperature: s.temperature, seed: s.seed, top_p: s.topP, num_predict: s.maxTokens, stop: s.stop }
  return Object.fromEntries(Object.entries(named).filter(([, v]) => v !== undefined))
}

const chat = (client: Ollama, options: OllamaOptions, model: string, input: CodeGenerator.GenerationInput) => {
  const settings = ollamaOptions(options.settings ?? {})
  const request = { model, messages: [...messages(input)], ...(Object.keys(settings).length > 0 ? { options: settings } : {}) }
  return async (): Promise<string> => {
    if (!options.stream) return (await client.chat({ ...request, stream: false })).message.content
    let text = ""
    for await (const part of await client.chat({ ...request, stream: true })) {
      text += part.message.content
      if (part.message.content) input.onToken?.(part.message.content)
    }
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
  return requestFailed("Ollama", options.host, hint, error)
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

/**
 * Whether Ollama answers, asked before a command waits for anything else: a server that is down is one line at
 * once, not after the executor started.
 */
export const reachable = (host: string) =>
  Effect.tryPromise({
    try: (signal) => new Ollama({ host, fetch: (url, init) => fetch(url, { ...init, signal }) }).version(),
    catch: (error) => requestFailed("Ollama", host, hint, error)
  }).pipe(
    Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Errors.GenerationFailed({ reason: "unreachable", message: `Ollama at ${host} did not answer in 5 s: ${hint}` }) }),
    Effect.asVoid
  )

/** OLLAMA_HOST, PYEXEC_MODEL, PYEXEC_OLLAMA_STREAM and the generation settings. */
export const config = Config.all({
  host: Config.string("OLLAMA_HOST").pipe(
    Config.withDefault(defaultHost),
    Config.map((h) => (/^https?:\/\//.test(h) ? h : `http://${h}`))
  ),
  model: Config.nonEmptyString("PYEXEC_MODEL").pipe(Config.withDefault(defaultModel)),
  stream: Config.boolean("PYEXEC_OLLAMA_STREAM").pipe(Config.withDefault(true)),
  settings: GenerationSettings.config
})

export const layerConfig = Layer.effect(CodeGenerator.CodeGenerator, Effect.map(config, make))
