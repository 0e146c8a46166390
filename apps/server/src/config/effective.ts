import * as fs from "node:fs"
import { Effect } from "effect"
import { secretFileVariable, type Setting, settings } from "./settings.js"
import type { SettingsFile } from "./SettingsFile.js"
import { SettingsError } from "./SettingsError.js"

/** Where a setting's value came from; `secretFile`: the file the secret was read from. */
export type Source =
  | { readonly from: "env"; readonly variable: string; readonly secretFile?: string }
  | { readonly from: "file"; readonly secretFile?: string }
  | { readonly from: "default" }

export interface Effective {
  readonly setting: Setting
  /** The variable's text; none: the code's default applies. */
  readonly value: string | undefined
  readonly source: Source
}

export type Environment = Readonly<Record<string, string | undefined>>

/** A secret file's content, without the newline an editor or `echo` leaves at its end. */
const readSecret = (file: string, place: string, problems: Array<string>): string | undefined => {
  try {
    return fs.readFileSync(file, "utf8").replace(/\r?\n$/, "")
  } catch (e) {
    problems.push(`${place}: the secret file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`)
    return undefined
  }
}

const resolve = (setting: Setting, env: Environment, file: SettingsFile | undefined, problems: Array<string>): Effective => {
  const direct = env[setting.env]
  const fileVariable = secretFileVariable(setting)
  const secretFile = fileVariable === undefined ? undefined : env[fileVariable]
  if (direct !== undefined && secretFile !== undefined) {
    problems.push(`${setting.env} and ${fileVariable} are both set: give the secret one way, unset one of them`)
    return { setting, value: undefined, source: { from: "env", variable: setting.env } }
  }
  if (direct !== undefined) return { setting, value: direct, source: { from: "env", variable: setting.env } }
  if (fileVariable !== undefined && secretFile !== undefined) {
    return { setting, value: readSecret(secretFile, fileVariable, problems), source: { from: "env", variable: fileVariable, secretFile } }
  }
  const given = file?.values.get(setting.env)
  if (given === undefined) return { setting, value: undefined, source: { from: "default" } }
  if ("text" in given) return { setting, value: given.text, source: { from: "file" } }
  const value = readSecret(given.secretFile, `${file!.path}: ${setting.key}`, problems)
  return { setting, value, source: { from: "file", secretFile: given.secretFile } }
}

/**
 * Every setting's value: the environment's (its `_FILE` variable's for a secret) over the file's over the default.
 * Fails with every problem at once: a secret given twice, a secret file that cannot be read.
 */
export const effective = (env: Environment, file: SettingsFile | undefined): Effect.Effect<ReadonlyArray<Effective>, SettingsError> =>
  Effect.suspend(() => {
    const problems: Array<string> = []
    const all = settings.map((setting) => resolve(setting, env, file, problems))
    const [first, ...rest] = problems
    return first === undefined ? Effect.succeed(all) : Effect.fail(new SettingsError({ problems: [first, ...rest] }))
  })
