import { Command, Options } from "@effect/cli"
import { ConfigError, ConfigProvider, Context, Effect, Layer } from "effect"
import { type Effective, type Environment, effective } from "./effective.js"
import { fileVariable } from "./settings.js"
import * as SettingsFile from "./SettingsFile.js"
import type { SettingsError } from "./SettingsError.js"

/** The file the configuration was read from, if any, and every setting's value. */
export interface Loaded {
  readonly named: SettingsFile.Named | undefined
  readonly effective: ReadonlyArray<Effective>
}

export class Configuration extends Context.Tag("@pyexec/server/Configuration")<Configuration, Loaded>() {}

export const options = {
  config: Options.file("config").pipe(Options.withDescription(`the configuration file (pyexec.yaml); without it, ${fileVariable}`), Options.optional)
}

/**
 * The file `--config` names, else PYEXEC_CONFIG's. The configuration is read before @effect/cli parses the
 * command line, as the logger's and the tracer's settings are in it: `--config` is taken here where @effect/cli
 * takes the root's options, before the command's name, and declared there (`options`) for the help and the usage.
 */
export const named = (args: ReadonlyArray<string>, env: Environment): SettingsFile.Named | undefined => {
  for (let i = 0; i < args.length && args[i]!.startsWith("-"); i++) {
    if (args[i] === "--config" && args[i + 1] !== undefined) return { file: args[i + 1]!, by: "--config" }
    if (args[i]!.startsWith("--config=")) return { file: args[i]!.slice("--config=".length), by: "--config" }
  }
  const file = env[fileVariable]
  return file ? { file, by: fileVariable } : undefined
}

/**
 * Whether the command runs with the configuration file: not to print help, nor to check another file (a broken file
 * named by PYEXEC_CONFIG must not stand in the way of checking its fix).
 */
const needsFile = (args: ReadonlyArray<string>) => {
  if (args.includes("--help") || args.includes("-h")) return false
  const words = args.filter((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--config")
  return !(words[0] === "config" && words[1] === "check" && words[2] !== undefined)
}

/** Reads the configuration: the file, if one is named, under the environment. */
export const load = (file: SettingsFile.Named | undefined, env: Environment): Effect.Effect<Loaded, SettingsError> =>
  Effect.gen(function* () {
    const settingsFile = file === undefined ? undefined : yield* SettingsFile.load(file)
    return { named: file, effective: yield* effective(env, settingsFile) }
  })

/**
 * The configuration a command runs with: every `Config` the code reads sees the environment as it is, with each
 * setting's effective value in its variable. One map, not the file's provider behind the environment's with
 * `orElse`: that would take the file's value where the environment's is malformed, instead of reporting it.
 */
export const layer = (args: ReadonlyArray<string>): Layer.Layer<Configuration, SettingsError> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const env = process.env
      const loaded = yield* load(needsFile(args) ? named(args, env) : undefined, env)
      const values = new Map(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined))
      for (const { setting, value } of loaded.effective) if (value !== undefined) values.set(setting.env, value)
      return Layer.merge(Layer.succeed(Configuration, loaded), Layer.setConfigProvider(ConfigProvider.fromMap(values, { pathDelim: "_" })))
    })
  )

/** A value from the file that the code refused: its error names the file's key, not only the variable. */
const located = (error: ConfigError.ConfigError, loaded: Loaded): ConfigError.ConfigError => {
  switch (error._op) {
    case "And":
      return ConfigError.And(located(error.left, loaded), located(error.right, loaded))
    case "Or":
      return ConfigError.Or(located(error.left, loaded), located(error.right, loaded))
    case "InvalidData": {
      const variable = error.path.join("_")
      const given = loaded.effective.find((e) => e.setting.env === variable && e.source.from === "file")
      return given && loaded.named ? ConfigError.InvalidData(error.path, `${error.message} (${given.setting.key} in ${loaded.named.file})`) : error
    }
    default:
      return error
  }
}

/** Errors of values from the file that the code refused name the file's key. */
export const locateErrors = <Name extends string, R, E, A>(command: Command.Command<Name, R, E, A>) =>
  Command.transformHandler(command, (run) =>
    Effect.flatMap(Configuration, (loaded) => Effect.catchIf(run, ConfigError.isConfigError, (error) => Effect.fail(located(error, loaded))))
  )
