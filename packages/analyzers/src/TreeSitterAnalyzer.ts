import { Analyzer, type Finding, sha256 } from "@pyexec/core"
import { Effect, Layer } from "effect"
import * as Bindings from "./internal/bindings.js"
import { exportedNames } from "./internal/epics.js"
import { parse } from "./internal/parse.js"
import type { Rule } from "./Rule.js"
import { builtinRules } from "./rules/index.js"

const byPosition = (a: Finding.Finding, b: Finding.Finding) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)

/** Parses the code once and runs every rule over it. Lines and columns are 1-based. */
export const analyze = (code: string, rules: ReadonlyArray<Rule> = builtinRules): Finding.AnalysisReport => {
  const started = performance.now()
  const tree = parse(code)
  const context = { source: code, root: tree.rootNode, bindings: Bindings.collect(tree.rootNode, exportedNames) }
  const findings: Array<Finding.Finding> = []
  for (const rule of rules) {
    for (const hit of rule.check(context)) {
      findings.push({
        rule: rule.code,
        name: rule.name,
        category: rule.category,
        severity: rule.severity,
        line: hit.node.startPosition.row + 1,
        column: hit.node.startPosition.column + 1,
        endLine: hit.node.endPosition.row + 1,
        endColumn: hit.node.endPosition.column + 1,
        message: hit.message
      })
    }
  }
  return {
    codeSha256: sha256(code),
    parsed: !tree.rootNode.hasError,
    findings: findings.sort(byPosition),
    durationMs: performance.now() - started
  }
}

export const make = (rules: ReadonlyArray<Rule> = builtinRules): Analyzer.Analyzer["Type"] =>
  Analyzer.Analyzer.of({ analyze: (code) => Effect.sync(() => analyze(code, rules)) })

export const layer = (rules: ReadonlyArray<Rule> = builtinRules) => Layer.succeed(Analyzer.Analyzer, make(rules))
