import { randomUUID } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { ApprovalRules, Decisions, Pipeline, PipelineConfig, Policy, WorkerConfig, WorkSignal } from "@pyexec/core"
import { Config, Effect, FiberRef, Layer, Option } from "effect"
import { CliError } from "./internal/CliError.js"

/**
 * The application's layers, each built only by the commands that use it: the store alone (`runs`, `show`), the
 * decisions on the store (`reject`), the pipeline on the store (`exec`, `ask`, `approve`), the server on the
 * pipeline (`serve`, in serve.ts). `analyze` opens none of them. The packages behind them are imported when a
 * layer is built, so a command loads only the ones it uses.
 */

const load = {
  store: Effect.promise(() => import("@pyexec/store")),
  executors: Effect.promise(() => import("@pyexec/executors")),
  analyzers: Effect.promise(() => import("@pyexec/analyzers")),
  generators: Effect.promise(() => import("@pyexec/generators"))
}

/** Where pyexec keeps its embedded database and the run folders: PYEXEC_HOME, else ./.pyexec */
export const homeConfig = Config.string("PYEXEC_HOME").pipe(
  Config.withDefault(".pyexec"),
  Config.map((home) => path.resolve(home))
)

/**
 * PYEXEC_HOME, made if missing and checked writable, for the commands that write there: a folder that cannot be
 * made or written is one line at start-up. Made a level at a time: Node's recursive mkdir loops forever where a
 * parent exists and refuses children (/proc).
 */
export const home = Effect.flatMap(homeConfig, (dir) =>
  Effect.tryPromise({
    try: async () => {
      const missing: Array<string> = []
      for (let at = dir; !(await fs.stat(at).then(() => true, () => false)); at = path.dirname(at)) missing.unshift(at)
      // the layers that need the home check it side by side: another may make a folder first, and each probe has a name of its own
      for (const folder of missing) await fs.mkdir(folder).catch((e: NodeJS.ErrnoException) => (e.code === "EEXIST" ? undefined : Promise.reject(e)))
      const probe = path.join(dir, `.write-test-${process.pid}-${randomUUID()}`)
      await fs.writeFile(probe, "")
      await fs.rm(probe)
      return dir
    },
    catch: (e) =>
      new CliError({ message: `PYEXEC_HOME: ${dir} cannot be made or written (${(e as NodeJS.ErrnoException).code ?? String(e)}): set PYEXEC_HOME to a folder you can write` })
  })
)

/** How long start-up waits for Postgres: a wrong PYEXEC_DATABASE_URL is reported in seconds, not after a minute. */
const postgresStartup = { connectFor: "5 seconds" } as const

/** PYEXEC_DATABASE_URL selects Postgres; without it the embedded PGlite database in PYEXEC_HOME/db. */
export const store = Layer.unwrapEffect(
  Effect.gen(function* () {
    const url = yield* Config.option(Config.redacted("PYEXEC_DATABASE_URL"))
    const { PgliteStore, PostgresStore } = yield* load.store
    if (Option.isSome(url)) return PostgresStore.layer(url.value, postgresStartup)
    return PgliteStore.layer({ dataDir: path.join(yield* home, "db") })
  })
)

export const generatorKinds = ["ollama", "openai", "embedded"] as const

/**
 * Set by commands that will generate (`ask`): the model server is asked whether it answers while the other services
 * start, so that one that is down is reported at once. The embedded model is loaded while they start anyway.
 */
export const checkGeneratorFirst = FiberRef.unsafeMake(false)

/**
 * PYEXEC_GENERATOR: `ollama` (default), `openai` for any OpenAI-compatible server, or `embedded` for a GGUF model
 * in a child process (loaded when the layer is built, kept while it lives).
 */
const generatorLayer = Effect.gen(function* () {
  const kind = yield* Config.literal(...generatorKinds)("PYEXEC_GENERATOR").pipe(Config.withDefault(generatorKinds[0]))
  const { OllamaGenerator, OpenAiGenerator, EmbeddedGenerator } = yield* load.generators
  const checkFirst = yield* FiberRef.get(checkGeneratorFirst)
  switch (kind) {
    case "embedded":
      return EmbeddedGenerator.layerConfig
    case "ollama":
      return checkFirst
        ? Layer.merge(OllamaGenerator.layerConfig, Layer.effectDiscard(Effect.flatMap(OllamaGenerator.config, (o) => OllamaGenerator.reachable(o.host))))
        : OllamaGenerator.layerConfig
    case "openai":
      return checkFirst ? Layer.merge(OpenAiGenerator.layerConfig, Layer.effectDiscard(Effect.flatMap(OpenAiGenerator.config, OpenAiGenerator.reachable))) : OpenAiGenerator.layerConfig
  }
})

const runsDirConfig = Effect.map(home, (dir) => path.join(dir, "runs"))

/** The notebook writer, into PYEXEC_HOME/runs. */
const notebooks = Layer.unwrapEffect(Effect.gen(function* () {
  const { FileNotebookWriter } = yield* load.store
  return FileNotebookWriter.layer(yield* runsDirConfig)
}))

/** What a decision needs: the store, the notebook folder, the approval rules. No generator, analyzer or executor. */
export const decisions = Decisions.layer.pipe(
  Layer.provide(Layer.mergeAll(store, ApprovalRules.layerConfig, notebooks))
)

/** Every service the pipeline needs, chosen from configuration, the store included. */
export const services = Layer.unwrapEffect(
  Effect.gen(function* () {
    const runsDir = yield* runsDirConfig
    const [{ ExecutorConfig }, { AnalyzerConfig }] = [yield* load.executors, yield* load.analyzers]
    return Layer.mergeAll(
      yield* generatorLayer,
      ExecutorConfig.layer,
      AnalyzerConfig.layer,
      Policy.layerConfig,
      notebooks,
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
