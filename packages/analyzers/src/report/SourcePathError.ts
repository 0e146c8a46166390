import { Schema } from "effect"

/** A path given to analyze that leads to no Python file: the message names the path and says what to pass instead. */
export class SourcePathError extends Schema.TaggedError<SourcePathError>()("SourcePathError", {
  reason: Schema.Literal("not-found", "not-readable", "no-python-files"),
  path: Schema.String,
  message: Schema.String
}) {}
