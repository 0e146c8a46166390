import { Schema } from "effect"

/**
 * One entry of the analyzer configuration's `plugins` list: a TypeScript/JavaScript module (a path,
 * relative to the configuration file, or an npm package name) with optional options for it, or a
 * YAML file of rules.
 */
export const PluginSpec = Schema.Union(
  Schema.Struct({ module: Schema.NonEmptyString, options: Schema.optional(Schema.Unknown) }),
  Schema.Struct({ rules: Schema.NonEmptyString })
)
export type PluginSpec = typeof PluginSpec.Type
