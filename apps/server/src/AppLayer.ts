import * as path from "node:path"
import { AnalyzerConfig } from "@pyexec/analyzers"
import { ApprovalRules, PipelineConfig, Policy, PyExec, WorkerConfig, WorkSignal } from "@pyexec/core"
import { ExecutorConfig } from "@pyexec/executors"
import { OllamaGenerator, OpenAiGenerator } from "@pyexec/generators"
import { FileNotebookWriter, PgliteStore, PostgresStore } from "@pyexec/store"
import { Config, Effect, Layer, Option } from "effect"

/** Where pyexec keeps its embedded database and the run folders: PYEXEC_HOME, else ./.pyexec */
export const homeConfig = Config.string("PYEXEC_HOME").pipe(
  Config.withDefault(".pyexec"),
  Config.map((home) => path.resolve(home))
)

/** PYEXEC_DATABASE_URL selects Postgres; without it the embedded PGlite database in PYEXEC_HOME/db. */
const storeLayer = (home: string) =>
  Effect.map(Config.option(Config.redacted("PYEXEC_DATABASE_URL")), (url) =>
    Option.match(url, {
      onNone: () => PgliteStore.layer({ dataDir: path.join(home, "db") }),
      onSome: PostgresStore.layer
    })
  )

/** PYEXEC_GENERATOR: `ollama` (default) or `openai` for any OpenAI-compatible server. */
const generatorLayer = Effect.map(
  Config.literal("ollama", "openai")("PYEXEC_GENERATOR").pipe(Config.withDefault("ollama" as const)),
  (kind) => (kind === "ollama" ? OllamaGenerator.layerConfig : OpenAiGenerator.layerConfig)
)

/** Every service the pipeline needs, chosen from configuration. */
export const services = Layer.unwrapEffect(
  Effect.gen(function* () {
    const home = yield* homeConfig
    const runsDir = path.join(home, "runs")
    const store = yield* storeLayer(home)
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
export const layer = PyExec.layer.pipe(Layer.provideMerge(services))
