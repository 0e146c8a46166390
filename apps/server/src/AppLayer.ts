import * as path from "node:path"
import { AnalyzerConfig } from "@pyexec/analyzers"
import { ApprovalRules, Decisions, Pipeline, PipelineConfig, Policy, WorkerConfig, WorkSignal } from "@pyexec/core"
import { ExecutorConfig } from "@pyexec/executors"
import { OllamaGenerator, OpenAiGenerator } from "@pyexec/generators"
import { FileNotebookWriter, PgliteStore, PostgresStore } from "@pyexec/store"
import { Config, Effect, Layer, Option } from "effect"

/**
 * The application's layers, each built only by the commands that use it: the store alone (`runs`, `show`), the
 * decisions on the store (`reject`), the pipeline on the store (`exec`, `ask`, `approve`), the server on the
 * pipeline (`serve`, in serve.ts). `analyze` opens none of them.
 */

/** Where pyexec keeps its embedded database and the run folders: PYEXEC_HOME, else ./.pyexec */
export const homeConfig = Config.string("PYEXEC_HOME").pipe(
  Config.withDefault(".pyexec"),
  Config.map((home) => path.resolve(home))
)

/** PYEXEC_DATABASE_URL selects Postgres; without it the embedded PGlite database in PYEXEC_HOME/db. */
export const store = Layer.unwrapEffect(
  Effect.gen(function* () {
    const home = yield* homeConfig
    const url = yield* Config.option(Config.redacted("PYEXEC_DATABASE_URL"))
    return Option.match(url, { onNone: () => PgliteStore.layer({ dataDir: path.join(home, "db") }), onSome: PostgresStore.layer })
  })
)

/** PYEXEC_GENERATOR: `ollama` (default) or `openai` for any OpenAI-compatible server. */
const generatorLayer = Effect.map(
  Config.literal("ollama", "openai")("PYEXEC_GENERATOR").pipe(Config.withDefault("ollama" as const)),
  (kind) => (kind === "ollama" ? OllamaGenerator.layerConfig : OpenAiGenerator.layerConfig)
)

const runsDirConfig = Effect.map(homeConfig, (home) => path.join(home, "runs"))

/** What a decision needs: the store, the notebook folder, the approval rules. No generator, analyzer or executor. */
export const decisions = Decisions.layer.pipe(
  Layer.provide(Layer.mergeAll(store, ApprovalRules.layerConfig, Layer.unwrapEffect(Effect.map(runsDirConfig, FileNotebookWriter.layer))))
)

/** Every service the pipeline needs, chosen from configuration, the store included. */
export const services = Layer.unwrapEffect(
  Effect.gen(function* () {
    const runsDir = yield* runsDirConfig
    return Layer.mergeAll(
      yield* generatorLayer,
      ExecutorConfig.layer,
      AnalyzerConfig.layer,
      Policy.layerConfig,
      FileNotebookWriter.layer(runsDir),
      PipelineConfig.layerConfig(runsDir),
      ApprovalRules.layerConfig,
      WorkerConfig.layerConfig,
      WorkSignal.layer,
      store
    )
  })
)

/** The pipeline and the services it runs on (the CLI reads the store directly too). */
export const pipeline = Pipeline.layer.pipe(Layer.provideMerge(services))
