import { Effect, ParseResult, Schema } from "effect"
import type { Rule } from "../Rule.js"
import { builtinRules } from "../rules/index.js"

/**
 * Rules a facility adds to the analyzer without forking it. A module exports one, as its default
 * export or as `plugin`:
 *
 * ```ts
 * import { definePlugin, type Rule } from "@pyexec/analyzers"
 * const rule: Rule = { code: "FAC001", name: "magnet-current-limit", category: "facility", severity: "error", doc, check }
 * export default definePlugin({ name: "magnet-limits", rules: [rule] })
 * ```
 */
export interface Plugin {
  readonly name: string
  readonly rules: ReadonlyArray<Rule>
}

/**
 * A plugin that takes the `options` of its entry in the analyzer configuration. Decoding them is the
 * plugin's own business: decode with Schema and let the ParseError be thrown; the loader reports it
 * as the plugin's options being rejected, naming the plugin.
 */
export type PluginFactory = (options: unknown) => Plugin | Promise<Plugin>

/** Gives a plugin (or a factory of one) its type; it returns what it is given. */
export function definePlugin(plugin: Plugin): Plugin
export function definePlugin(factory: PluginFactory): PluginFactory
export function definePlugin(plugin: Plugin | PluginFactory): Plugin | PluginFactory {
  return plugin
}

/**
 * One plugin that could not be loaded: `plugin` is its entry in the configuration as written
 * (`./magnet-limits.ts`, `./facility-rules.yaml`, a package name); the message names it, says what is
 * wrong and what to do.
 */
export class PluginError extends Schema.TaggedError<PluginError>()("PluginError", {
  reason: Schema.Literal(
    "not-found",
    "import-failed",
    "bad-export",
    "bad-options",
    "bad-yaml",
    "bad-rules",
    "failed-example",
    "duplicate-code"
  ),
  plugin: Schema.String,
  message: Schema.String,
  /** What the plugin threw, for whoever debugs it; the message already says what matters. */
  cause: Schema.optional(Schema.Defect)
}) {}

export const pluginError = (plugin: string, reason: PluginError["reason"], problem: string, cause?: unknown): PluginError =>
  new PluginError({ plugin, reason, message: `plugin ${plugin}: ${problem}`, ...(cause !== undefined ? { cause } : {}) })

const quoted = (value: unknown): string => (typeof value === "string" ? `'${value}'` : typeof value === "function" ? "a function" : JSON.stringify(value) ?? String(value))

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** A string, or a message that says what it should have been. */
const text = (what: string) => Schema.String.annotations({ message: (issue) => `must be ${what}, not ${quoted(issue.actual)}` })

/** The letters of the built-in codes (EPICS, PY): a plugin's codes take their own, so built-in rules added later never collide. */
export const reservedPrefixes: ReadonlySet<string> = new Set(builtinRules.flatMap((r) => r.code.match(/^[A-Z]+(?=[0-9]{3}$)/) ?? []))

/** A stable rule code in Ruff's shape: 2 to 8 capital letters, then 3 digits; not a prefix of the built-in rules. */
export const RuleCode = text("a rule code like FAC001").pipe(
  Schema.filter((code) => {
    if (!/^[A-Z]{2,8}[0-9]{3}$/.test(code)) return `${quoted(code)} must look like FAC001: 2 to 8 capital letters, then 3 digits`
    const prefix = code.slice(0, -3)
    return reservedPrefixes.has(prefix) ? `${quoted(code)} uses ${prefix}, the prefix of pyexec's built-in rules: give it your facility's own, like FAC001` : true
  })
)

/** What the rule finds, in kebab-case (`magnet-current-limit`): the pattern, not the verdict. */
export const RuleName = text("a kebab-case name like magnet-current-limit").pipe(
  Schema.filter((name) => kebabCase.test(name) || `${quoted(name)} must be kebab-case, like magnet-current-limit`)
)

/** A finding category, built-in (`epics-write` goes to approval) or the facility's own (`facility`). */
export const RuleCategory = text("a kebab-case category like facility").pipe(
  Schema.filter((category) => kebabCase.test(category) || `${quoted(category)} must be kebab-case, like facility or epics-write`)
)

export const RuleSeverity = Schema.Literal("info", "warning", "error").annotations({
  message: (issue) => ({ message: `must be info, warning or error, not ${quoted(issue.actual)}`, override: true })
})

/** Text that says something. */
export const Sentence = text("text").pipe(Schema.filter((s) => s.trim().length > 0 || "must not be empty"))

/** The doc block of a rule, as the built-in rules have it. */
export const RuleDoc = Schema.Struct({
  whatItDoes: Sentence,
  whyIsThisBad: Sentence,
  example: text("an example of code the rule reports"),
  useInstead: Schema.optionalWith(text("what to write instead"), { exact: true })
}).annotations({ message: () => "must be { whatItDoes, whyIsThisBad, example, useInstead? }" })

const RuleCheck = Schema.declare((u: unknown): u is Rule["check"] => typeof u === "function", {
  message: (issue) => `must be a function (context) => Iterable<RuleHit>, not ${quoted(issue.actual)}`
})

/** One rule a plugin exports, checked field by field. */
export const PluginRule = Schema.Struct({
  code: RuleCode,
  name: RuleName,
  category: RuleCategory,
  severity: RuleSeverity,
  doc: RuleDoc,
  check: RuleCheck
}).annotations({ message: () => "must be a rule { code, name, category, severity, doc, check }" })

/** What a plugin module's default (or `plugin`) export must be, after its factory was called. */
export const PluginDefinition = Schema.Struct({
  name: Sentence,
  rules: Schema.Array(PluginRule).annotations({ message: () => "must be a list of rules" })
}).annotations({ message: () => "must be a plugin { name, rules }: export definePlugin({ name, rules }) or a function (options) => plugin" })

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("")

/** A decoding failure as one line: where (`rules[0].code`) and what (`'fac1' must look like FAC001`), at most three. */
export const describeParseError = (error: ParseResult.ParseError, root = ""): string => {
  // One issue a place, and none where another goes deeper: of a union's alternatives, the one that
  // got furthest says best what is wrong.
  const all = ParseResult.ArrayFormatter.formatErrorSync(error)
  const keys = all.map(({ path }) => path.map((key) => `/${String(key)}`).join(""))
  const issues = all.filter((_, i) => keys.indexOf(keys[i]!) === i && !keys.some((other) => other.startsWith(`${keys[i]}/`)))
  const lines = issues.slice(0, 3).map(({ path, message }) => {
    const where = pathText(root ? [root, ...path] : path)
    const what = message.startsWith("Expected ") ? `expected ${message.slice("Expected ".length)}` : message
    return where ? `${where}${message.startsWith("Expected ") ? ":" : ""} ${what}` : what
  })
  return lines.join("; ") + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : "")
}

/** Decodes a plugin object (what a module exports, its factory already called) into a Plugin, or a PluginError naming `plugin`. */
export const decodePlugin = (plugin: string) => (value: unknown): Effect.Effect<Plugin, PluginError> =>
  Schema.decodeUnknown(PluginDefinition, { errors: "all" })(value).pipe(
    Effect.mapError((error) => pluginError(plugin, "bad-export", describeParseError(error)))
  )
