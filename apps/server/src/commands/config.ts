import { Args, Command } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import type { Effective, Source } from "../config/effective.js"
import * as Configuration from "../config/Configuration.js"
import { fileVariable } from "../config/settings.js"
import { CliError } from "../internal/CliError.js"

const fileArg = Args.file({ name: "FILE" }).pipe(Args.withDescription(`the file to check; default: --config, else ${fileVariable}`), Args.optional)

const from = (source: Source): string => {
  const secretFile = "secretFile" in source && source.secretFile ? ` (secret file ${source.secretFile})` : ""
  return source.from === "env" ? `env ${source.variable}${secretFile}` : `${source.from}${secretFile}`
}

const row = ({ setting, value, source }: Effective): ReadonlyArray<string> => {
  if (value !== undefined) return [setting.key, setting.secret ? "<redacted>" : value, from(source)]
  return setting.default === undefined ? [setting.key, "-", "not set"] : [setting.key, setting.default, "default"]
}

/** Aligned columns, as `pyexec runs` prints its table. */
const table = (rows: ReadonlyArray<ReadonlyArray<string>>) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n")
}

/** Validates a configuration file and prints every setting's effective value and where it came from, secrets redacted. */
const check = Command.make("check", { file: fileArg }, ({ file }) =>
  Effect.gen(function* () {
    const loaded = Option.isSome(file) ? yield* Configuration.load({ file: file.value, by: "FILE" }, process.env) : yield* Configuration.Configuration
    const heading = loaded.named
      ? `${loaded.named.file}: valid. The effective configuration (the environment overrides the file):`
      : `No configuration file (give FILE, --config or ${fileVariable}). The effective configuration, from the environment:`
    yield* Console.log(`${heading}\n\n${table([["setting", "value", "from"], ...loaded.effective.map(row)])}`)
  })
).pipe(Command.withDescription("Validate a configuration file and print the effective configuration, secrets redacted"))

export const config = Command.make("config", {}, () =>
  Effect.fail(new CliError({ message: "say what to do with the configuration: pyexec config check [FILE]" }))
).pipe(Command.withDescription("The configuration file (pyexec.yaml)"), Command.withSubcommands([check]))
