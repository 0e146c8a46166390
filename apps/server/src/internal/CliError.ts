import { Schema } from "effect"

/** Bad input on the command line: the message says what was wrong and what to do. */
export class CliError extends Schema.TaggedError<CliError>()("CliError", {
  message: Schema.String
}) {}
