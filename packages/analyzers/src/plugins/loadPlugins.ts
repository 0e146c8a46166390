import * as fs from "node:fs/promises"
import { createRequire } from "node:module"
import * as path from "node:path"
import { pathToFileURL } from "node:url"
import { Effect, ParseResult } from "effect"
import type { Rule } from "../Rule.js"
import { builtinRules } from "../rules/index.js"
import { decodePlugin, describeParseError, type Plugin, type PluginError, pluginError } from "./Plugin.js"
import type { PluginSpec } from "./PluginSpec.js"
import { decodeYamlRules } from "./YamlRules.js"
import nativeImport from "./nativeImport.cjs"

/** The plugin API, as the package root exports it. */
export { definePlugin, type Plugin, PluginDefinition, PluginError, type PluginFactory, PluginRule } from "./Plugin.js"
export { PluginSpec } from "./PluginSpec.js"
export { compilePattern, decodeYamlRules, matchesOf, Pattern, YamlRule, YamlRuleFile } from "./YamlRules.js"
/** What a rule's check reads, for plugins that write helpers over it. */
export type { CallSite, SemanticModel, WriteSite } from "../internal/model.js"
export type { Node } from "../internal/syntaxTree.js"

/** `./x.ts`, `../x`, `/abs/x.ts`: a file; anything else is the name of an installed package. */
const isPath = (spec: string) => spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === ".." || path.isAbsolute(spec)

const errorCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined

const firstLine = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.trim().split("\n")[0] ?? ""
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}

/** A package the plugin imports that cannot be found, from Node's or Vite's message. */
const missingImport = (error: unknown): string | undefined => {
  const text = error instanceof Error ? error.message : String(error)
  return (text.match(/Cannot find (?:package|module) '([^']+)'/) ?? text.match(/Failed to load url (\S+)/))?.[1]
}

const whyImportFailed = (error: unknown, where: string): string => {
  const code = errorCode(error)
  if (code === "ERR_UNKNOWN_FILE_EXTENSION") {
    return `Node.js cannot import it by itself (${firstLine(error)}): run pyexec through its CLI, which loads TypeScript, or compile the plugin to .js`
  }
  const missing = missingImport(error)
  if (missing && (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || code === undefined)) {
    return `it imports '${missing}', which cannot be found from ${where}: install that package where the plugin can find it (a plugin needs @pyexec/analyzers and what else it imports in a node_modules above it)`
  }
  return `importing it threw ${error instanceof Error ? error.name : "an error"}: ${firstLine(error)}: fix the module so that it loads`
}

let typeScript: Promise<unknown> | undefined
/**
 * Imports a plugin module with TypeScript taught to Node first (tsx's loader, registered once): a plugin may be
 * TypeScript, and so may what it imports (@pyexec/analyzers, from its sources).
 */
const importWithTypeScript = async (spec: string) => {
  typeScript ??= nativeImport("tsx/esm/api").then(({ register }) => (register as () => unknown)())
  await typeScript
  return nativeImport(spec)
}

/** Imports a file or a package; a missing plugin and one that fails to load are told apart. */
const importModule = (spec: string, baseDir: string): Effect.Effect<Record<string, unknown>, PluginError> =>
  Effect.gen(function* () {
    if (isPath(spec)) {
      const file = path.resolve(baseDir, spec)
      const stat = yield* Effect.promise(() => fs.stat(file).catch(() => undefined))
      if (!stat) return yield* pluginError(spec, "not-found", `no file at ${file} (a path is read from ${baseDir}): fix the path in the configuration`)
      if (!stat.isFile()) return yield* pluginError(spec, "not-found", `${file} is a folder, not a module: name the plugin's file`)
      return yield* Effect.tryPromise({
        try: () => importWithTypeScript(pathToFileURL(file).href),
        catch: (error) => pluginError(spec, "import-failed", whyImportFailed(error, path.dirname(file)), error)
      })
    }
    // A package: first as installed where the configuration is, then as @pyexec/analyzers sees it.
    let resolved: string | undefined
    try {
      resolved = pathToFileURL(createRequire(path.join(baseDir, "package.json")).resolve(spec)).href
    } catch {
      resolved = undefined
    }
    return yield* Effect.tryPromise({
      try: () => importWithTypeScript(resolved ?? spec),
      catch: (error) => error
    }).pipe(
      Effect.catchAll((error) =>
        Effect.promise(() => fs.stat(path.resolve(baseDir, spec)).catch(() => undefined)).pipe(
          Effect.flatMap((besides) => {
            if (resolved === undefined && missingImport(error) === spec) {
              const hint = besides ? `; to load the file ${path.resolve(baseDir, spec)}, write ./${spec}` : ""
              return pluginError(spec, "not-found", `no package named '${spec}' is installed where ${baseDir} or @pyexec/analyzers can find it: install it (pnpm add ${spec})${hint}`)
            }
            return pluginError(spec, "import-failed", whyImportFailed(error, baseDir), error)
          })
        )
      )
    )
  })

const describeOptionsError = (error: unknown): string =>
  ParseResult.isParseError(error) ? describeParseError(error, "options") : firstLine(error)

/** A module's plugin: its default export or `plugin`, a factory called with the options. */
const pluginOf = (spec: string, exports: Record<string, unknown>, options: unknown): Effect.Effect<Plugin, PluginError> =>
  Effect.gen(function* () {
    const exported = exports.default ?? exports.plugin
    const names = Object.keys(exports)
    if (exported === undefined) {
      const has = names.length ? `it exports ${names.join(", ")}` : "it exports nothing"
      return yield* pluginError(spec, "bad-export", `${has}, but no plugin: export default definePlugin({ name, rules }) (or export it as \`plugin\`)`)
    }
    if (typeof exported === "function") {
      const made = yield* Effect.tryPromise({
        try: async () => (await (exported as (options: unknown) => unknown)(options)) as unknown,
        catch: (error) => pluginError(spec, "bad-options", `its options were rejected: ${describeOptionsError(error)}`, error)
      })
      return yield* decodePlugin(spec)(made)
    }
    if (options !== undefined) {
      return yield* pluginError(spec, "bad-options", "it takes no options (it exports a plugin, not a function of options): remove `options` from its entry")
    }
    if (typeof exported !== "object" || exported === null) {
      return yield* pluginError(
        spec,
        "bad-export",
        `its ${exports.default !== undefined ? "default export" : "export `plugin`"} is ${exported === null ? "null" : `a ${typeof exported}`}: export definePlugin({ name, rules }) or a function (options) => plugin`
      )
    }
    return yield* decodePlugin(spec)(exported)
  })

const readRules = (spec: string, baseDir: string): Effect.Effect<ReadonlyArray<Rule>, PluginError> =>
  Effect.gen(function* () {
    const file = path.resolve(baseDir, spec)
    const source = yield* Effect.tryPromise({
      try: () => fs.readFile(file, "utf8"),
      catch: (error) =>
        errorCode(error) === "ENOENT"
          ? pluginError(spec, "not-found", `no file at ${file} (a path is read from ${baseDir}): fix the path in the configuration`)
          : errorCode(error) === "EISDIR"
            ? pluginError(spec, "not-found", `${file} is a folder: name the YAML file of rules`)
            : pluginError(spec, "not-found", `cannot read ${file}: ${firstLine(error)}`)
    })
    return yield* decodeYamlRules(source, spec)
  })

/**
 * The rules of the plugins the analyzer configuration lists, in its order. Paths are read from
 * `baseDir` (the configuration file's folder); a module's factory gets the entry's `options`. Each
 * problem (a missing file, a module that throws, a bad export, bad YAML, an example the rule gets
 * wrong, a code used twice) is one PluginError that names the entry and says what to do.
 */
export const loadPlugins = (specs: ReadonlyArray<PluginSpec>, baseDir: string): Effect.Effect<ReadonlyArray<Rule>, PluginError> =>
  Effect.gen(function* () {
    const owners = new Map<string, string>(builtinRules.map((rule) => [rule.code, `pyexec's built-in rule ${rule.name}`]))
    const loaded: Array<Rule> = []
    for (const spec of specs) {
      const label = "module" in spec ? spec.module : spec.rules
      const rules =
        "module" in spec
          ? (yield* pluginOf(spec.module, yield* importModule(spec.module, baseDir), spec.options)).rules
          : yield* readRules(spec.rules, baseDir)
      for (const rule of rules) {
        const owner = owners.get(rule.code)
        if (owner) {
          return yield* pluginError(label, "duplicate-code", `rule code ${rule.code} (${rule.name}) is already taken by ${owner}: give each rule a code of its own`)
        }
        owners.set(rule.code, `${rule.name} of plugin ${label}`)
      }
      loaded.push(...rules)
    }
    return loaded
  })
