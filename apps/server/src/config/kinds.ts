import * as path from "node:path"
import { Schema } from "effect"

/** How a setting is written in pyexec.yaml, and how its value reads as its environment variable's text. */
export interface Kind {
  readonly schema: Schema.Schema.AnyNoContext
  /** What a wrong value is told it should be: "an integer". */
  readonly expected: string
  /** The variable's text for a decoded value; `dir` is the configuration file's folder. */
  readonly text: (value: unknown, dir: string) => string
}

// the value is the schema's, decoded
const kind = <A>(schema: Schema.Schema<A>, expected: string, text: (value: A, dir: string) => string = String): Kind => ({
  schema,
  expected,
  text: (value, dir) => text(value as A, dir)
})

export const text = kind(Schema.String, "text")
/** A file or folder; a relative one is relative to the configuration file, as one kept next to it would be. */
export const filePath = kind(Schema.NonEmptyString, "a path", (p, dir) => path.resolve(dir, p))
export const integer = kind(Schema.Int, "an integer")
export const number = kind(Schema.Number, "a number")
export const boolean = kind(Schema.Boolean, "true or false")
export const oneOf = (...literals: ReadonlyArray<string>) =>
  kind(Schema.Literal(...literals), `one of ${literals.join(", ")}`)
/** A YAML list, or the variable's own comma-separated text. */
export const list = kind(Schema.Union(Schema.Array(Schema.String), Schema.String), "a list of text", (v) => (typeof v === "string" ? v : v.join(",")))
