import { Effect, Schema } from "effect"
import Python from "tree-sitter-python"
import { parseDocument } from "yaml"
import type { SemanticModel } from "../internal/model.js"
import type { Node } from "../internal/syntaxTree.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"
import { analyze } from "../TreeSitterAnalyzer.js"
import { describeParseError, type PluginError, pluginError, RuleCategory, RuleCode, RuleName, RuleSeverity, Sentence } from "./Plugin.js"

/**
 * Rules written in YAML, in ast-grep's spirit: a pattern over the tree-sitter-python syntax tree
 * (named node kinds, comments left out), with examples the rule must and must not report, checked
 * when the file is loaded.
 *
 * ```yaml
 * rules:
 *   - id: FAC003
 *     name: long-sleep
 *     severity: warning
 *     category: facility
 *     message: "`$TEXT` sleeps longer than a minute"
 *     pattern:
 *       kind: call
 *       nthChild: { index: 0, pattern: { resolvesTo: time.sleep } }
 *     invalid: ["import time\ntime.sleep(600)"]
 *     valid: ["import time\ntime.sleep(1)"]
 * ```
 */

/**
 * What a node must be for a pattern to match it; every field given must hold.
 * - `kind`: its tree-sitter-python kind (`call`, `string`, `attribute`), or one of a list; a supertype
 *   (`expression`, `primary_expression`) matches each of its kinds
 * - `text`: its exact source text; `regex`: a regular expression found in its source text
 * - `resolvesTo`: the qualified names the expression may refer to (`epics.caput`, `epics.PV.put`,
 *   `epics.PV()` for an instance), resolved through imports and aliases
 * - `has`: some node below it matches; `inside`: some node above it matches; `not`: the pattern does not match it
 * - `all`, `any`: every, some pattern of the list matches it
 * - `nthChild`: its child at `index` (0-based over named children, negative from the end) matches `pattern`
 */
export interface Pattern {
  readonly kind?: string | ReadonlyArray<string>
  readonly text?: string
  readonly regex?: string
  readonly resolvesTo?: string | ReadonlyArray<string>
  readonly has?: Pattern
  readonly inside?: Pattern
  readonly not?: Pattern
  readonly all?: ReadonlyArray<Pattern>
  readonly any?: ReadonlyArray<Pattern>
  readonly nthChild?: { readonly index: number; readonly pattern: Pattern }
}

/** Concrete named kinds, and the supertypes with the concrete kinds each stands for. */
const nodeKinds = (() => {
  const kinds = new Map<string, ReadonlySet<string>>([["ERROR", new Set(["ERROR"])]])
  const info = Python.nodeTypeInfo ?? []
  const subtypesOf = new Map(info.flatMap((t) => ("subtypes" in t ? [[t.type, t.subtypes.map((s) => s.type)] as const] : [])))
  const expand = (kind: string, seen: Set<string> = new Set()): Array<string> => {
    if (seen.has(kind)) return []
    seen.add(kind)
    const subtypes = subtypesOf.get(kind)
    return subtypes ? subtypes.flatMap((s) => expand(s, seen)) : [kind]
  }
  for (const t of info) if (t.named && !t.type.startsWith("_")) kinds.set(t.type, new Set(expand(t.type)))
  return kinds
})()

const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    row = next
  }
  return row[b.length]!
}

const Kind = Schema.String.annotations({ message: (issue) => `must be a tree-sitter-python node kind like call, not ${JSON.stringify(issue.actual)}` }).pipe(
  Schema.filter((kind) => {
    if (nodeKinds.has(kind)) return true
    const near = [...nodeKinds.keys()]
      .filter((k) => distance(k, kind) <= 2 || (kind.length > 3 && (k.includes(kind) || kind.includes(k))))
      .sort((a, b) => Number(kind.startsWith(b)) - Number(kind.startsWith(a)) || distance(a, kind) - distance(b, kind))
    return `'${kind}' is not a tree-sitter-python node kind${near.length ? `: did you mean ${near.slice(0, 3).join(", ")}?` : " (see the named kinds in tree-sitter-python's node-types.json: call, attribute, identifier, string, integer, …)"}`
  })
)

const Regex = Schema.String.annotations({ message: (issue) => `must be a regular expression, not ${JSON.stringify(issue.actual)}` }).pipe(
  Schema.filter((source) => {
    try {
      new RegExp(source)
      return true
    } catch (error) {
      return `'${source}' is not a regular expression: ${error instanceof Error ? error.message : String(error)}`
    }
  })
)

const QualifiedName = Schema.String.annotations({
  message: (issue) => `must be a qualified name like epics.caput, or a list of them, not ${JSON.stringify(issue.actual)}`
}).pipe(
  Schema.filter(
    (name) => /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\(\))?$/.test(name) || `'${name}' is not a qualified name like epics.caput, epics.PV.put or epics.PV()`
  )
)

const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

const suspended = Schema.suspend((): Schema.Schema<Pattern> => Pattern)

export const Pattern: Schema.Schema<Pattern> = Schema.Struct({
  kind: optional(Schema.Union(Kind, Schema.Array(Kind))),
  text: optional(Schema.String),
  regex: optional(Regex),
  resolvesTo: optional(Schema.Union(QualifiedName, Schema.Array(QualifiedName))),
  has: optional(suspended),
  inside: optional(suspended),
  not: optional(suspended),
  all: optional(Schema.Array(suspended)),
  any: optional(Schema.Array(suspended)),
  nthChild: optional(Schema.Struct({ index: Schema.Int, pattern: suspended }))
})
  .annotations({ message: () => "must be a pattern: a mapping of kind, text, regex, resolvesTo, has, inside, not, all, any, nthChild" })
  .pipe(Schema.filter((p) => Object.keys(p).length > 0 || "is empty, so it would match every node: give it a kind, text, regex or resolvesTo"))

const Examples = Schema.Array(Schema.String).annotations({ message: () => "must be a list of Python snippets" })

/** One rule of a YAML rule file. */
export const YamlRule = Schema.Struct({
  id: RuleCode,
  name: RuleName,
  severity: RuleSeverity,
  category: RuleCategory,
  /** What a finding says; `$TEXT` is the matched code (its first line, at most 60 characters). */
  message: Sentence,
  pattern: Pattern,
  /** Snippets the rule must not report. */
  valid: Examples,
  /** Snippets the rule must report, at least one. */
  invalid: Examples.pipe(Schema.minItems(1, { message: () => "must list at least one snippet the rule reports" })),
  doc: optional(
    Schema.Struct({
      whatItDoes: Sentence,
      whyIsThisBad: Sentence,
      example: optional(Schema.String),
      useInstead: optional(Schema.String)
    })
  )
}).annotations({ message: () => "must be a rule: id, name, severity, category, message, pattern, valid, invalid (and doc)" })
export type YamlRule = typeof YamlRule.Type

export const YamlRuleFile = Schema.Struct({
  rules: Schema.Array(YamlRule).pipe(Schema.minItems(1, { message: () => "must list at least one rule" }))
}).annotations({ message: () => "must be a mapping with a `rules:` list" })
export type YamlRuleFile = typeof YamlRuleFile.Type

// ---------------------------------------------------------------------------------------------
// Matching

interface Scope {
  readonly model: SemanticModel
  readonly root: Node
}

type Test = (node: Node, scope: Scope) => boolean

const parentsKey = Symbol("parents")

/** Each node's parent, made once per analysis and kept with its model. */
const parentsOf = ({ root, model }: Scope): ReadonlyMap<Node, Node> =>
  model.memo(parentsKey, () => {
    const parents = new Map<Node, Node>()
    const stack = [root]
    for (let node = stack.pop(); node; node = stack.pop()) {
      for (const child of node.children) {
        parents.set(child, node)
        stack.push(child)
      }
    }
    return parents
  })

const someBelow = (node: Node, test: (n: Node) => boolean): boolean => node.children.some((child) => test(child) || someBelow(child, test))

const asList = <A>(value: A | ReadonlyArray<A>): ReadonlyArray<A> => (Array.isArray(value) ? value : [value as A])

const kindsOf = (kind: string | ReadonlyArray<string>): ReadonlySet<string> => new Set(asList(kind).flatMap((k) => [...(nodeKinds.get(k) ?? [k])]))

/** A pattern as one test; cheap conditions first, the ones that walk the tree last. */
export const compilePattern = (pattern: Pattern): Test => {
  const tests: Array<Test> = []
  if (pattern.kind !== undefined) {
    const kinds = kindsOf(pattern.kind)
    tests.push((node) => kinds.has(node.type))
  }
  if (pattern.text !== undefined) {
    const text = pattern.text
    tests.push((node, { model }) => model.text(node) === text)
  }
  if (pattern.nthChild !== undefined) {
    const { index } = pattern.nthChild
    const test = compilePattern(pattern.nthChild.pattern)
    tests.push((node, scope) => {
      const child = node.children[index < 0 ? node.children.length + index : index]
      return child !== undefined && test(child, scope)
    })
  }
  if (pattern.regex !== undefined) {
    const regex = new RegExp(pattern.regex)
    tests.push((node, { model }) => regex.test(model.text(node)))
  }
  if (pattern.resolvesTo !== undefined) {
    const names = new Set(asList(pattern.resolvesTo))
    tests.push((node, { model }) => model.namesAt(node).some((name) => names.has(name)))
  }
  if (pattern.not !== undefined) {
    const test = compilePattern(pattern.not)
    tests.push((node, scope) => !test(node, scope))
  }
  if (pattern.all !== undefined) {
    const all = pattern.all.map(compilePattern)
    tests.push((node, scope) => all.every((test) => test(node, scope)))
  }
  if (pattern.any !== undefined) {
    const any = pattern.any.map(compilePattern)
    tests.push((node, scope) => any.some((test) => test(node, scope)))
  }
  if (pattern.has !== undefined) {
    const test = compilePattern(pattern.has)
    tests.push((node, scope) => someBelow(node, (n) => test(n, scope)))
  }
  if (pattern.inside !== undefined) {
    const test = compilePattern(pattern.inside)
    tests.push((node, scope) => {
      const parents = parentsOf(scope)
      for (let up = parents.get(node); up; up = parents.get(up)) if (test(up, scope)) return true
      return false
    })
  }
  return (node, scope) => tests.every((test) => test(node, scope))
}

/**
 * The outermost nodes a pattern matches, in source order: a match's own descendants are not
 * reported again. The module itself is a candidate only for a pattern of kind `module`.
 */
export function* matchesOf(pattern: Pattern, context: Pick<RuleContext, "root" | "model">): Generator<Node> {
  const test = compilePattern(pattern)
  const scope: Scope = { model: context.model, root: context.root }
  const wantsModule = pattern.kind !== undefined && kindsOf(pattern.kind).has("module")
  const stack: Array<Node> = wantsModule ? [context.root] : [...context.root.children].reverse()
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (test(node, scope)) {
      yield node
      continue
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}

const shown = (code: string): string => {
  const line = code.trim().split("\n")[0] ?? ""
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}

/** Every qualified name a pattern resolves to, anywhere in it: the model must follow them. */
const resolvedNames = (pattern: Pattern): ReadonlyArray<string> => [
  ...(pattern.resolvesTo === undefined ? [] : asList(pattern.resolvesTo).map((n) => n.replace(/\(\)$/, ""))),
  ...[pattern.has, pattern.inside, pattern.not, pattern.nthChild?.pattern, ...(pattern.all ?? []), ...(pattern.any ?? [])].flatMap((p) =>
    p === undefined ? [] : resolvedNames(p)
  )
]

/** A YAML rule as a Rule: reports each outermost match with its message, `$TEXT` filled in. */
export const toRule = (rule: YamlRule, file: string): Rule => ({
  code: rule.id,
  name: rule.name,
  category: rule.category,
  severity: rule.severity,
  doc: {
    whatItDoes: rule.doc?.whatItDoes ?? `Reports code matching the pattern of ${rule.id} in ${file}: ${rule.message.replaceAll("$TEXT", "the code")}.`,
    whyIsThisBad: rule.doc?.whyIsThisBad ?? `A rule of the facility, from ${file}.`,
    example: rule.doc?.example ?? rule.invalid[0]!,
    ...(rule.doc?.useInstead !== undefined ? { useInstead: rule.doc.useInstead } : {})
  },
  tracks: resolvedNames(rule.pattern),
  check: function* (context: RuleContext): Generator<RuleHit> {
    for (const node of matchesOf(rule.pattern, context)) {
      yield { node, message: rule.message.replaceAll("$TEXT", shown(context.model.text(node))) }
    }
  }
})

/** Runs a rule's examples: every `invalid` one must be reported, no `valid` one may be. */
const checkExamples = (rule: Rule, definition: YamlRule, plugin: string): Effect.Effect<void, PluginError> =>
  Effect.gen(function* () {
    const label = `rule ${rule.code} (${rule.name})`
    const run = (kind: "valid" | "invalid", example: string, i: number) => {
      const where = `${kind} example ${i + 1} (\`${shown(example)}\`)`
      const report = analyze(example, { rules: [rule] })
      if (!report.parsed) return pluginError(plugin, "failed-example", `${label}: ${where} is not valid Python: fix the example`)
      const failed = report.findings.find((f) => f.rule !== rule.code)
      if (failed) return pluginError(plugin, "failed-example", `${label}: ${where}: ${failed.message}`)
      const hits = report.findings
      if (kind === "invalid" && hits.length === 0) {
        return pluginError(plugin, "failed-example", `${label} reports nothing on ${where}: fix the pattern so it matches, or the example`)
      }
      if (kind === "valid" && hits[0]) {
        return pluginError(
          plugin,
          "failed-example",
          `${label} reports line ${hits[0].line} of ${where}, which must stay clean ("${hits[0].message}"): narrow the pattern, or move the example to invalid`
        )
      }
      return undefined
    }
    for (const [i, example] of definition.invalid.entries()) {
      const error = run("invalid", example, i)
      if (error) return yield* error
    }
    for (const [i, example] of definition.valid.entries()) {
      const error = run("valid", example, i)
      if (error) return yield* error
    }
  })

/**
 * The rules of a YAML rule file: parsed, decoded, and their examples run. `plugin` names the file
 * in errors (as the configuration writes it).
 */
export const decodeYamlRules = (source: string, plugin: string): Effect.Effect<ReadonlyArray<Rule>, PluginError> =>
  Effect.gen(function* () {
    const document = parseDocument(source, { prettyErrors: true })
    const syntax = document.errors[0]
    if (syntax) {
      const message = syntax.message.split("\n")[0]!.replace(/:\s*$/, "")
      return yield* pluginError(plugin, "bad-yaml", `is not valid YAML: ${message}`)
    }
    const file = yield* Schema.decodeUnknown(YamlRuleFile, { errors: "all", onExcessProperty: "error" })(document.toJS()).pipe(
      Effect.mapError((error) => pluginError(plugin, "bad-rules", describeParseError(error)))
    )
    const rules: Array<Rule> = []
    for (const definition of file.rules) {
      const rule = toRule(definition, plugin)
      yield* checkExamples(rule, definition, plugin)
      rules.push(rule)
    }
    return rules
  })
