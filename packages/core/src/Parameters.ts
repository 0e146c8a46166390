import { Schema } from "effect"

/**
 * A request's parameters: named values set before its code runs (`--param gain=0.5`), as papermill sets a
 * notebook's. They are written as Python assignments at the top of each attempt's code, so the code's hash, the
 * analysis, the approval and the notebook all cover the values, and the notebook holds them in a cell tagged
 * `parameters`, which papermill can run with other values.
 */

/** A value JSON can carry: null, booleans, finite numbers, strings, and arrays and objects of them. */
const isJson = (value: unknown): boolean =>
  value === null ||
  typeof value === "boolean" ||
  typeof value === "string" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  (Array.isArray(value) ? value.every(isJson) : typeof value === "object" && Object.values(value as object).every(isJson))

const Json = Schema.Unknown.pipe(Schema.filter((value) => isJson(value) || "must be a JSON value: null, true/false, a finite number, a string, or a list or object of them"))

const pythonKeywords = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " "
  )
)

/** What is wrong with a parameter's name, if anything. */
const nameProblem = (name: string): string | undefined => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return `'${name}': a parameter's name must be a Python name: letters, digits and _, not starting with a digit`
  if (pythonKeywords.has(name)) return `'${name}' is a Python keyword: name the parameter otherwise`
  if (name === "results") return "'results' is what the code sets: name the parameter otherwise"
  return undefined
}

/** 64 KiB of parameters as JSON: values to set, not data to load (data goes in a file). */
export const maxBytes = 64 * 1024

// the names are checked by a filter: a key schema would drop a bad name without a word
export const Parameters = Schema.Record({ key: Schema.String, value: Json }).pipe(
  Schema.filter((p) => Object.keys(p).map(nameProblem).find((problem) => problem !== undefined) ?? true),
  Schema.filter((p) => Buffer.byteLength(JSON.stringify(p), "utf8") <= maxBytes || `parameters may take at most ${maxBytes / 1024} KiB as JSON: load large data from a file`)
)
export type Parameters = typeof Parameters.Type

/** A JSON value as a Python literal. */
export const pythonLiteral = (value: unknown): string => {
  if (value === null) return "None"
  if (value === true) return "True"
  if (value === false) return "False"
  if (typeof value === "number" || typeof value === "string") return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`
  return `{${Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(", ")}}`
}

const heading = "# parameters, set by pyexec from the request\n"

/** The assignments written above the code: the notebook's `parameters` cell. */
export const block = (parameters: Parameters): string =>
  `${heading}${Object.entries(parameters)
    .map(([name, value]) => `${name} = ${pythonLiteral(value)}`)
    .join("\n")}\n\n`

/** The code an attempt runs: the parameters' assignments, then the code (which a model may have started with them). */
export const withParameters = (parameters: Parameters | undefined, code: string): string =>
  parameters === undefined || Object.keys(parameters).length === 0 || code.startsWith(block(parameters)) ? code : `${block(parameters)}${code}`

/** An attempt's code as the parameters' block and the rest, when it starts with that block. */
export const split = (parameters: Parameters | undefined, code: string): { readonly block: string | undefined; readonly rest: string } => {
  const written = parameters === undefined || Object.keys(parameters).length === 0 ? undefined : block(parameters)
  return written !== undefined && code.startsWith(written) ? { block: written, rest: code.slice(written.length) } : { block: undefined, rest: code }
}

/** `name=value` from the command line: the value as JSON when it reads as JSON, else as a string. */
export const fromArgument = (argument: string): readonly [string, unknown] | string => {
  const at = argument.indexOf("=")
  if (at <= 0) return `--param ${argument}: write NAME=VALUE (the value as JSON, or a plain string), e.g. --param gain=0.5`
  const text = argument.slice(at + 1)
  try {
    return [argument.slice(0, at), JSON.parse(text) as unknown]
  } catch {
    return [argument.slice(0, at), text]
  }
}
