import { Schema } from "effect"

/**
 * A run's id (the pipeline gives each run a UUID). Branded so that no other string is passed for one by mistake; a
 * string from outside (a CLI argument, a URL, a Slack button) becomes one with `RunId.make`, and an id no run has is
 * answered by the store with RunNotFound.
 */
export const RunId = Schema.String.pipe(Schema.minLength(1), Schema.brand("RunId"))
export type RunId = typeof RunId.Type

/** The SHA-256 of a piece of code, as 64 lowercase hex digits: what an approval binds to. */
export const CodeSha256 = Schema.String.pipe(
  Schema.pattern(/^[0-9a-f]{64}$/, { message: () => "must be a SHA-256: 64 lowercase hex digits" }),
  Schema.brand("CodeSha256")
)
export type CodeSha256 = typeof CodeSha256.Type
