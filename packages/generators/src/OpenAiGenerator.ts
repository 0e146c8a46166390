import { CodeGenerator, Errors } from "@pyexec/core"
import { Config, Effect, Layer, Option, Redacted, Schema } from "effect"
import { extractCode } from "./extractCode.js"
import { emptyReply, requestFailed } from "./internal/failures.js"
import { messages } from "./Prompt.js"

/** Any server with the OpenAI chat completions API: vLLM, llama.cpp server, LM Studio, ... */
export interface OpenAiOptions {
  /** Up to and including the version, e.g. http://127.0.0.1:8000/v1 */
  readonly baseUrl: string
  readonly model: string
  readonly apiKey?: Redacted.Redacted<string>
  readonly temperature?: number
}

const Completion = Schema.Struct({
  choices: Schema.NonEmptyArray(Schema.Struct({ message: Schema.Struct({ content: Schema.NullOr(Schema.String) }) }))
})

const hint = "check that the server runs and that PYEXEC_OPENAI_BASE_URL is right"

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
            headers: {
              "content-type": "application/json",
              ...(options.apiKey ? { authorization: `Bearer ${Redacted.value(options.apiKey)}` } : {})
            },
            body: JSON.stringify({
              model,
              messages: messages(input),
              stream: false,
              ...(options.temperature !== undefined ? { temperature: options.temperature } : {})
            })
          })
          const body = await response.text()
          if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`), { status: response.status })
          return body
        },
        catch: (error) =>
          (error as { status?: number }).status === 404
            ? new Errors.GenerationFailed({ reason: "model-not-found", message: `${url} knows no model ${model}: ${String(error)}`, cause: error })
            : requestFailed("the OpenAI-compatible server", url, hint, error)
      }).pipe(
        Effect.flatMap((body) =>
          Schema.decodeUnknown(Schema.parseJson(Completion))(body).pipe(
            Effect.mapError(
              (e) => new Errors.GenerationFailed({ reason: "bad-reply", message: `${url} replied in an unexpected shape: ${e.message}` })
            )
          )
        ),
        Effect.flatMap((completion) => {
          const { code, prose } = extractCode(completion.choices[0].message.content ?? "")
          return code.length === 0 ? Effect.fail(emptyReply(model)) : Effect.succeed({ code, model, ...(prose ? { prose } : {}) })
        })
      )
    }
  })
}

export const layer = (options: OpenAiOptions) => Layer.succeed(CodeGenerator.CodeGenerator, make(options))

/** PYEXEC_OPENAI_BASE_URL, PYEXEC_MODEL, PYEXEC_OPENAI_API_KEY (optional). */
export const config = Config.all({
  baseUrl: Config.nonEmptyString("PYEXEC_OPENAI_BASE_URL"),
  model: Config.nonEmptyString("PYEXEC_MODEL"),
  apiKey: Config.option(Config.redacted("PYEXEC_OPENAI_API_KEY"))
}).pipe(Config.map(({ apiKey, ...rest }): OpenAiOptions => ({ ...rest, ...Option.match(apiKey, { onNone: () => ({}), onSome: (k) => ({ apiKey: k }) }) })))

export const layerConfig = Layer.effect(CodeGenerator.CodeGenerator, Effect.map(config, make))
