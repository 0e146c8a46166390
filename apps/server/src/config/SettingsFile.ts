import * as fs from "node:fs/promises"
import * as path from "node:path"
import { AutoCorrect, CliConfig } from "@effect/cli"
import { Effect, Either, ParseResult, Schema } from "effect"
import { type Setting, settings } from "./settings.js"
import { SettingsError } from "./SettingsError.js"

/** A setting as pyexec.yaml gives it: its variable's text, or the file that holds the secret. */
export type FileValue = { readonly text: string } | { readonly secretFile: string }

/** A configuration file, read and decoded: the values it sets, by variable. */
export interface SettingsFile {
  readonly path: string
  readonly values: ReadonlyMap<string, FileValue>
}

/** The file to read, and what named it (PYEXEC_CONFIG, --config...), for the errors. */
export interface Named {
  readonly file: string
  readonly by: string
}

const shown = (value: unknown) => (Array.isArray(value) ? "a list" : typeof value === "object" && value !== null ? "a mapping" : JSON.stringify(value))

const SecretFile = Schema.Struct({ file: Schema.NonEmptyString })

/** A secret is never echoed, not even when it is of the wrong type. */
const leaf = (setting: Setting): Schema.Schema.AnyNoContext => {
  const fileToo = setting.secret === "value-or-file"
  const expected = fileToo ? `${setting.kind.expected} or { file: PATH }` : setting.kind.expected
  const schema: Schema.Schema.AnyNoContext = fileToo ? Schema.Union(setting.kind.schema, SecretFile) : setting.kind.schema
  return schema.annotations({
    message: (issue) => ({ message: setting.secret ? `expected ${expected}` : `expected ${expected}, got ${shown(issue.actual)}`, override: true })
  })
}

type Tree = Map<string, Tree | Setting>

const tree = new Map() as Tree
for (const setting of settings) {
  const parts = setting.key.split(".")
  const name = parts.pop()!
  let at = tree
  for (const part of parts) {
    if (!at.has(part)) at.set(part, new Map())
    at = at.get(part) as Tree
  }
  at.set(name, setting)
}

const struct = (group: Tree): Schema.Schema.AnyNoContext =>
  Schema.Struct(
    Object.fromEntries([...group].map(([name, child]) => [name, Schema.optionalWith(child instanceof Map ? struct(child) : leaf(child), { exact: true })]))
  ).annotations({ message: (issue) => `expected a mapping of ${[...group.keys()].join(", ")}, got ${shown(issue.actual)}` })

/** pyexec.yaml, as the table of settings lays it out. */
export const FileSchema = struct(tree)

const knownKeys = [...settings.map((s) => s.key), ...settings.flatMap((s) => s.key.split(".").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join(".")))]

/** The known key a mistyped one most likely meant: the same last word elsewhere, else the closest spelling. */
export const nearestKey = (key: string): string => {
  const last = key.split(".").pop()!.toLowerCase()
  const sameWord = settings.find((s) => s.key.split(".").pop()!.toLowerCase() === last)
  if (sameWord) return sameWord.key
  const distance = (k: string) => AutoCorrect.levensteinDistance(key, k, CliConfig.defaultConfig)
  return knownKeys.reduce((best, k) => (distance(k) < distance(best) ? k : best))
}

/** `key:` with nothing after it is a setting left out, as a commented-out one is. */
const withoutNulls = (value: unknown): unknown =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])))
    : value

const problem = (key: ReadonlyArray<PropertyKey>, message: string) => (key.length === 0 ? message : `${key.join(".")}: ${message}`)

/** Every problem of a decoded file, each naming its key. */
export const decode = (raw: unknown): Either.Either<unknown, readonly [string, ...Array<string>]> =>
  Either.mapLeft(Schema.decodeUnknownEither(FileSchema, { errors: "all", onExcessProperty: "error" })(withoutNulls(raw ?? {})), (error) => {
    const [first, ...rest] = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
      issue._tag === "Unexpected"
        ? `unknown key ${issue.path.join(".")} (did you mean ${nearestKey(issue.path.join("."))}?)`
        : problem(issue.path, issue.message)
    )
    // a failed decoding has at least one issue
    return [first!, ...rest] as const
  })

const valueAt = (decoded: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], decoded)

/** The values a decoded file sets; relative paths are made absolute against the file's folder. */
const valuesOf = (decoded: unknown, dir: string): ReadonlyMap<string, FileValue> =>
  new Map(
    settings.flatMap((setting): Array<[string, FileValue]> => {
      const value = valueAt(decoded, setting.key)
      if (value === undefined) return []
      if (typeof value === "object" && value !== null && "file" in value) return [[setting.env, { secretFile: path.resolve(dir, String(value.file)) }]]
      return [[setting.env, { text: setting.kind.text(value, dir) }]]
    })
  )

const failure = (file: string, [first, ...rest]: readonly [string, ...Array<string>]) =>
  new SettingsError({ problems: [`${file}: ${first}`, ...rest.map((p) => `${file}: ${p}`)] })

/** Reads, parses and decodes a configuration file; every problem in it at once. */
export const load = ({ file, by }: Named): Effect.Effect<SettingsFile, SettingsError> =>
  Effect.gen(function* () {
    const absolute = path.resolve(file)
    const text = yield* Effect.tryPromise({
      try: () => fs.readFile(absolute, "utf8"),
      catch: (e) => {
        const code = (e as NodeJS.ErrnoException).code
        return new SettingsError({
          problems: [
            code === "ENOENT"
              ? `the configuration file ${file} (${by}) does not exist: write it (deploy/pyexec.example.yaml is one to start from) or name another`
              : `the configuration file ${file} (${by}) cannot be read (${code ?? String(e)})`
          ]
        })
      }
    })
    // loaded only where a file is read: every command starts without it
    const { parseDocument } = yield* Effect.promise(() => import("yaml"))
    const document = parseDocument(text)
    // the first error only: the others follow from it
    const [unparsed] = document.errors
    if (unparsed) return yield* failure(file, [`not valid YAML: ${unparsed.message.split("\n")[0]!.replace(/:$/, "")}`])
    const decoded = decode(document.toJS())
    if (Either.isLeft(decoded)) return yield* failure(file, decoded.left)
    return { path: absolute, values: valuesOf(decoded.right, path.dirname(absolute)) }
  })
