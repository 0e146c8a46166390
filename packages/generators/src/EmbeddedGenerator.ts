import * as os from "node:os"
import * as path from "node:path"
import { CodeGenerator, Errors } from "@pyexec/core"
import { Config, Effect, Layer } from "effect"
import * as ModelHost from "./embedded/ModelHost.js"
import { extractCode } from "./extractCode.js"
import * as GenerationSettings from "./GenerationSettings.js"
import { emptyReply } from "./internal/failures.js"
import { messages } from "./Prompt.js"

/** A GGUF model run by node-llama-cpp in a child process of pyexec (the model host), loaded once. */
export interface EmbeddedOptions {
  readonly modelPath: string
  readonly threads: number
  readonly contextSize: number
  readonly settings: GenerationSettings.GenerationSettings
}

/** The model's name in attempts and notebooks: its file's, without .gguf. */
const modelName = (modelPath: string) => path.basename(modelPath).replace(/\.gguf$/i, "")

const failed = (reason: Errors.GenerationFailure, message: string, cause?: unknown) =>
  new Errors.GenerationFailed({ reason, message, ...(cause !== undefined ? { cause } : {}) })

/** Starts the host; a model file that is missing or does not load is one line saying what to do. */
const startHost = (options: EmbeddedOptions) =>
  Effect.tryPromise({
    try: () => ModelHost.start({ modelPath: options.modelPath, threads: options.threads, contextSize: options.contextSize }),
    catch: (e) => {
      const message = e instanceof Error ? e.message : String(e)
      return (e as NodeJS.ErrnoException).code === "ENOENT"
        ? failed("model-not-found", `no model at ${options.modelPath}: run scripts/model, or set PYEXEC_MODEL_PATH to a GGUF file`, e)
        : failed("unreachable", `the embedded model ${options.modelPath} did not start: ${message}`, e)
    }
  })

/**
 * The generator, and its host for as long as the scope lives (one for `serve`'s life, one per `ask`). A host that
 * dies is started again at the next request, so one crash costs one attempt.
 */
export const make = (options: EmbeddedOptions) =>
  Effect.gen(function* () {
    const name = modelName(options.modelPath)
    let host = yield* startHost(options)
    if (host.isolation.kind === "none") yield* Effect.logWarning(`the embedded model runs with pyexec's user and network: ${host.isolation.reason}`)
    yield* Effect.addFinalizer(() => Effect.promise(() => host.close()))
    const running = Effect.suspend(() => (host.alive() ? Effect.succeed(host) : Effect.tap(startHost(options), (h) => Effect.sync(() => (host = h)))))
    return {
      host: () => host,
      generator: CodeGenerator.CodeGenerator.of({
        generate: (input) =>
          Effect.gen(function* () {
            const current = yield* running
            const reply = yield* Effect.tryPromise({
              try: (signal) => current.generate(messages(input), options.settings, input.onToken, signal),
              catch: (e) => failed("bad-reply", `the embedded model ${name}: ${e instanceof Error ? e.message : String(e)}`, e)
            })
            const { code, prose } = extractCode(reply.text)
            return code.length === 0 ? yield* Effect.fail(emptyReply(name)) : { code, model: name, ...(prose ? { prose } : {}) }
          })
      })
    }
  })

export const layer = (options: EmbeddedOptions) => Layer.scoped(CodeGenerator.CodeGenerator, Effect.map(make(options), (m) => m.generator))

/** Half the cores (at least one): the other half is left to the runs and the server. */
const defaultThreads = Math.max(1, Math.floor(os.availableParallelism() / 2))

/** Where scripts/model puts the pinned model (as it says too): /var/cache/pyexec/models as root, else the user's cache. */
const pinnedModel = Config.string("XDG_CACHE_HOME").pipe(
  Config.withDefault(path.join(os.homedir(), ".cache")),
  Config.map((cache) => path.join(process.getuid?.() === 0 ? "/var/cache" : cache, "pyexec/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"))
)

/** PYEXEC_MODEL_PATH, PYEXEC_MODEL_THREADS, PYEXEC_MODEL_CONTEXT_SIZE and the generation settings. */
export const config = Config.all({
  modelPath: Config.string("PYEXEC_MODEL_PATH").pipe(Config.orElse(() => pinnedModel), Config.map((p) => path.resolve(p))),
  threads: Config.integer("PYEXEC_MODEL_THREADS").pipe(
    Config.withDefault(defaultThreads),
    Config.validate({ message: "must be 1 or more", validation: (n) => n >= 1 })
  ),
  contextSize: Config.integer("PYEXEC_MODEL_CONTEXT_SIZE").pipe(
    Config.withDefault(4096),
    Config.validate({ message: "must be 512 or more", validation: (n) => n >= 512 })
  ),
  settings: GenerationSettings.config
})

export const layerConfig = Layer.unwrapEffect(Effect.map(config, layer))
