import { Config, Option } from "effect"

/** How the model samples its reply, the same for every generator; what is not set is left to the model's server. */
export interface GenerationSettings {
  readonly temperature?: number
  readonly seed?: number
  readonly topP?: number
  readonly maxTokens?: number
  /** The reply ends before any of these. */
  readonly stop?: ReadonlyArray<string>
}

const optional = <A>(config: Config.Config<A>) => Config.map(Config.option(config), Option.getOrUndefined)

/** PYEXEC_MODEL_TEMPERATURE, PYEXEC_MODEL_SEED, PYEXEC_MODEL_TOP_P, PYEXEC_MODEL_MAX_TOKENS, PYEXEC_MODEL_STOP (comma-separated). */
export const config: Config.Config<GenerationSettings> = Config.all({
  temperature: optional(Config.number("PYEXEC_MODEL_TEMPERATURE").pipe(Config.validate({ message: "must be 0 or more", validation: (t) => t >= 0 }))),
  seed: optional(Config.integer("PYEXEC_MODEL_SEED")),
  topP: optional(Config.number("PYEXEC_MODEL_TOP_P").pipe(Config.validate({ message: "must be above 0 and at most 1", validation: (p) => p > 0 && p <= 1 }))),
  maxTokens: optional(Config.integer("PYEXEC_MODEL_MAX_TOKENS").pipe(Config.validate({ message: "must be 1 or more", validation: (n) => n >= 1 }))),
  stop: optional(Config.string("PYEXEC_MODEL_STOP").pipe(Config.map((list) => list.split(",").filter((s) => s.length > 0))))
}).pipe(
  Config.map((all) => Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as GenerationSettings)
)
