import { Schema } from "effect"

/** The configuration cannot be used: each problem names its place (file and key, or variable) and what to do. */
export class SettingsError extends Schema.TaggedError<SettingsError>()("SettingsError", {
  problems: Schema.NonEmptyArray(Schema.String)
}) {
  override get message(): string {
    const [first, ...rest] = this.problems
    return rest.length === 0 ? first : `${this.problems.length} problems in the configuration:\n  ${this.problems.join("\n  ")}`
  }
}
