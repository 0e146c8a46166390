import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Analyzer, Finding } from "@pyexec/core"
import { Config, Effect, Layer, Option, Schema } from "effect"
import { parse as parseYaml } from "yaml"
import { loadPlugins } from "./plugins/loadPlugins.js"
import { PluginSpec } from "./plugins/PluginSpec.js"
import { modulePolicy } from "./internal/modules.js"
import { builtinRules } from "./rules/index.js"
import { unvettedImport, unvettedImportRule } from "./rules/unvettedImport.js"
import { type AnalyzerOptions, defaultOptions, make } from "./TreeSitterAnalyzer.js"

/** The analyzer configuration file (PYEXEC_ANALYZER_CONFIG): plugins and per-rule severities. */
export const ConfigFile = Schema.Struct({
  plugins: Schema.optional(Schema.Array(PluginSpec)),
  /** Modules the site trusts code to use without approval, beyond data/libraries.yaml `allowed`. */
  allow_modules: Schema.optional(
    Schema.Array(Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, { message: () => "a dotted module name, like scipy.optimize" })))
  ),
  severity: Schema.optional(Schema.Record({ key: Schema.String, value: Finding.Severity }))
})

export class AnalyzerConfigError extends Schema.TaggedError<AnalyzerConfigError>()("AnalyzerConfigError", {
  file: Schema.String,
  message: Schema.String
}) {}

const fail = (file: string, message: string) => new AnalyzerConfigError({ file, message: `analyzer configuration ${file}: ${message}` })

const read = (file: string) =>
  Effect.tryPromise({
    try: () => fs.readFile(file, "utf8"),
    catch: (e) =>
      fail(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file: check PYEXEC_ANALYZER_CONFIG" : `cannot be read (${String(e)})`)
  }).pipe(
    Effect.flatMap((text) =>
      Effect.try({ try: () => parseYaml(text) as unknown, catch: (e) => fail(file, `is not valid YAML: ${e instanceof Error ? e.message : String(e)}`) })
    ),
    Effect.flatMap((raw) =>
      Schema.decodeUnknown(ConfigFile, { onExcessProperty: "error" })(raw ?? {}).pipe(Effect.mapError((e) => fail(file, e.message)))
    )
  )

/** Reads the file, loads its plugins, and checks every severity override names a rule that exists. */
export const load = (file: string) =>
  Effect.gen(function* () {
    const config = yield* read(file)
    const plugins = yield* loadPlugins(config.plugins ?? [], path.dirname(path.resolve(file)))
    const imports = config.allow_modules === undefined ? unvettedImport : unvettedImportRule(modulePolicy(config.allow_modules))
    const rules = [...builtinRules.map((r) => (r === unvettedImport ? imports : r)), ...plugins]
    const known = new Set(rules.map((r) => r.code))
    const severity = new Map<string, Finding.Severity>()
    for (const [code, level] of Object.entries(config.severity ?? {})) {
      if (!known.has(code)) return yield* fail(file, `severity names rule ${code}, which does not exist (known: ${[...known].join(", ")})`)
      severity.set(code, level)
    }
    return { ...defaultOptions, rules, severity } satisfies AnalyzerOptions
  })

/** PYEXEC_ANALYZER_CONFIG, if set; else the built-in rules at their own severities. */
export const fromEnvironment = Effect.flatMap(Config.option(Config.nonEmptyString("PYEXEC_ANALYZER_CONFIG")), (file) =>
  Option.match(file, { onNone: () => Effect.succeed(defaultOptions), onSome: load })
)

/** The analyzer as PYEXEC_ANALYZER_CONFIG describes it: a bad file or plugin stops start-up with its reason. */
export const layer = Layer.effect(Analyzer.Analyzer, Effect.map(fromEnvironment, make))
