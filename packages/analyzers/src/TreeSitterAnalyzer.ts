import { Analyzer, type Finding, sha256 } from "@pyexec/core"
import { Effect, Layer } from "effect"
import { prefixesOf } from "./internal/libraries.js"
import * as Model from "./internal/model.js"
import { parse } from "./internal/parse.js"
import { lineIndex, parseTree } from "./internal/syntaxTree.js"
import type { Rule, RuleContext, RuleHit } from "./Rule.js"
import { analysisFailed, builtinRules } from "./rules/index.js"

export interface AnalyzerOptions {
  readonly rules: ReadonlyArray<Rule>
  /** Per rule code; findings of rules in the `epics-write` category keep needing approval whatever their severity. */
  readonly severity: ReadonlyMap<string, Finding.Severity>
  /** Code longer than this (characters) is not analysed; it gets an E901 finding instead. */
  readonly maxChars: number
}

export const defaultOptions: AnalyzerOptions = { rules: builtinRules, severity: new Map(), maxChars: 2_000_000 }

const trackedByRules = new WeakMap<ReadonlyArray<Rule>, ReadonlySet<string>>()
const trackedBy = (rules: ReadonlyArray<Rule>) => {
  let tracked = trackedByRules.get(rules)
  if (!tracked) {
    tracked = prefixesOf(rules.flatMap((r) => r.tracks ?? []))
    trackedByRules.set(rules, tracked)
  }
  return tracked
}

const byPosition = (a: Finding.Finding, b: Finding.Finding) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)

const failedOnWhole = (code: string, message: string): Finding.Finding => ({
  rule: analysisFailed.code,
  name: analysisFailed.name,
  category: analysisFailed.category,
  severity: analysisFailed.severity,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  message: `${message}: it is treated as code that may write (${code.length} characters)`
})

/** Parses the code once, builds the semantic model once, runs every rule over it. Lines and columns are 1-based. */
export const analyze = (code: string, options: Partial<AnalyzerOptions> = {}): Finding.AnalysisReport => {
  const { rules, severity, maxChars } = { ...defaultOptions, ...options }
  const started = performance.now()
  const report = (parsed: boolean, findings: Array<Finding.Finding>): Finding.AnalysisReport => ({
    codeSha256: sha256(code),
    parsed,
    findings: findings.sort(byPosition),
    durationMs: performance.now() - started
  })
  if (code.length > maxChars) return report(false, [failedOnWhole(code, `the code is longer than the analysis limit of ${maxChars} characters`)])
  const { root, hasError } = parseTree(code)
  let model: Model.SemanticModel
  try {
    model = Model.build(root, code, trackedBy(rules))
  } catch (error) {
    // The model walks the tree recursively: thousands of nested brackets (which Python itself refuses) exhaust the stack.
    const why = error instanceof RangeError ? "the code nests deeper than the analysis follows" : `the analysis failed (${error instanceof Error ? error.message : String(error)})`
    return report(!hasError, [failedOnWhole(code, why)])
  }
  let tree: RuleContext["tree"] | undefined
  const context: RuleContext = {
    source: code,
    root,
    hasError,
    model,
    // tree-sitter's own tree is parsed again only for a rule that asks for it
    get tree() {
      tree ??= parse(code).rootNode
      return tree
    }
  }
  // (made at the first finding: most code has none)
  let position: ReturnType<typeof lineIndex> | undefined
  const findings: Array<Finding.Finding> = context.model.settled ? [] : [failedOnWhole(code, "the flow of values through the code did not settle")]
  const add = (rule: Rule, hit: RuleHit) => {
    position ??= lineIndex(code)
    const start = position(hit.node.start)
    const end = position(hit.node.end)
    findings.push({
      rule: rule.code,
      name: rule.name,
      category: rule.category,
      severity: severity.get(rule.code) ?? rule.severity,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      message: hit.message
    })
  }
  for (const rule of rules) {
    try {
      for (const hit of rule.check(context)) add(rule, hit)
    } catch (error) {
      findings.push(failedOnWhole(code, `rule ${rule.code} ${rule.name} failed (${error instanceof Error ? error.message : String(error)})`))
    }
  }
  return report(!hasError, findings)
}

export const make = (options: Partial<AnalyzerOptions> = {}): Analyzer.Analyzer["Type"] =>
  Analyzer.Analyzer.of({ analyze: (code) => Effect.sync(() => analyze(code, options)) })

export const layer = (options: Partial<AnalyzerOptions> = {}) => Layer.succeed(Analyzer.Analyzer, make(options))

