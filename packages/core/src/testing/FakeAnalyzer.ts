import { Context, Effect, Layer } from "effect"
import { Analyzer } from "../Analyzer.js"
import type { AnalysisReport, Finding, FindingCategory, Severity } from "../Finding.js"
import { sha256 } from "../internal/sha256.js"

/** A rule of the fake: every line the pattern matches gets one finding. */
export interface Rule {
  /** Without the `g` flag: it is tried line by line. */
  readonly match: RegExp
  readonly category: FindingCategory
  /** Default: error. */
  readonly severity?: Severity
  readonly rule?: string
  readonly message?: string
  /** Code with a matching line does not parse. */
  readonly unparsable?: boolean
}

/** A write to EPICS needs a person; a line `syntax error` does not parse, so the code goes back to the generator. */
export const defaultRules: ReadonlyArray<Rule> = [
  { match: /caput\(|\.put\(/, category: "epics-write", rule: "EPICS001", message: "writes to an EPICS PV" },
  { match: /^\s*syntax error\s*$/, category: "syntax", rule: "E999", message: "syntax error: cannot parse `syntax error`", unparsable: true }
]

/** The fake as a test sees it: an Analyzer that remembers the code it was given. */
export class FakeAnalyzer extends Context.Tag("@pyexec/core/testing/FakeAnalyzer")<
  FakeAnalyzer,
  Analyzer["Type"] & { readonly analyzed: () => ReadonlyArray<string> }
>() {}

const findingsOf = (rule: Rule, code: string): ReadonlyArray<Finding> =>
  code.split("\n").flatMap((text, index) => {
    const hit = rule.match.exec(text)
    if (!hit) return []
    const column = hit.index + 1
    return [
      {
        rule: rule.rule ?? "FAKE001",
        name: rule.category,
        category: rule.category,
        severity: rule.severity ?? "error",
        line: index + 1,
        column,
        endLine: index + 1,
        endColumn: column + hit[0].length,
        message: rule.message ?? `the fake analyzer matched ${rule.match}`
      }
    ]
  })

/** Reports what the rules find, line by line; `defaultRules` unless the test gives its own. */
export const make = (rules: ReadonlyArray<Rule> = defaultRules): FakeAnalyzer["Type"] => {
  const analyzed: Array<string> = []
  return FakeAnalyzer.of({
    analyzed: () => [...analyzed],
    analyze: (code) =>
      Effect.sync((): AnalysisReport => {
        analyzed.push(code)
        const hits = rules.map((rule) => [rule, findingsOf(rule, code)] as const)
        return {
          codeSha256: sha256(code),
          parsed: !hits.some(([rule, findings]) => rule.unparsable && findings.length > 0),
          findings: hits.flatMap(([, findings]) => findings),
          durationMs: 0
        }
      })
  })
}

/** Provides the fake both as the Analyzer and as FakeAnalyzer (for `analyzed()`); a fresh one per build. */
export const layer = (rules?: ReadonlyArray<Rule>): Layer.Layer<Analyzer | FakeAnalyzer> =>
  Layer.effectContext(
    Effect.sync(() => {
      const fake = make(rules)
      return Context.make(Analyzer, fake).pipe(Context.add(FakeAnalyzer, fake))
    })
  )
