import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { builtinRules, engineRules, TreeSitterAnalyzer } from "../src/index.js"

const fixtures = path.join(__dirname, "fixtures")

/** Lines carrying a `# CODE` marker: where the rule must report, and the only places it may. */
const markedLines = (source: string, code: string) =>
  source
    .split("\n")
    .flatMap((line, i) => (new RegExp(`#\\s*${code}\\b`).test(line) ? [i + 1] : []))

describe("rules", () => {
  const checked = builtinRules.filter((r) => !engineRules.has(r.code))

  it("every rule has a doc block and a fixture with lines that flag and a part that must stay clean", () => {
    for (const rule of checked) {
      const file = path.join(fixtures, `${rule.code}.py`)
      expect(fs.existsSync(file), `${rule.code}.py`).toBe(true)
      const [, clean = ""] = fs.readFileSync(file, "utf8").split("# Must stay clean:")
      expect(clean.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")).length, `${rule.code}.py clean part`).toBeGreaterThan(0)
      expect(rule.doc.whatItDoes.length).toBeGreaterThan(10)
      expect(rule.doc.whyIsThisBad.length).toBeGreaterThan(10)
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/)
    }
  })

  for (const rule of checked) {
    it(`${rule.code} ${rule.name} reports exactly the marked lines`, () => {
      const source = fs.readFileSync(path.join(fixtures, `${rule.code}.py`), "utf8")
      const expected = markedLines(source, rule.code)
      expect(expected.length).toBeGreaterThan(0)
      const report = TreeSitterAnalyzer.analyze(source)
      const hits = report.findings.filter((f) => f.rule === rule.code)
      const reported = [...new Set(hits.map((f) => f.line))]
      expect(reported, hits.map((f) => `${f.line}: ${f.message}`).join("\n")).toEqual(expected)
    })
  }

  it("reports a syntax error at its line and marks the report unparsed", () => {
    const report = TreeSitterAnalyzer.analyze("x = 1\ny = (2\n")
    expect(report.parsed).toBe(false)
    expect(report.findings.some((f) => f.category === "syntax")).toBe(true)
  })

  it("gives a clean report for clean code, with the code's hash", () => {
    const report = TreeSitterAnalyzer.analyze("results = {'x': 1}\n")
    expect(report).toMatchObject({ parsed: true, findings: [] })
    expect(report.codeSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it("fails closed, without throwing, on code nested deeper than the analysis follows", () => {
    const depth = 20_000
    const report = TreeSitterAnalyzer.analyze(`from epics import caput\ncaput("X", ${"(".repeat(depth)}1${")".repeat(depth)})\n`)
    expect(report.findings).toMatchObject([{ rule: "E901", category: "epics-write", message: expect.stringMatching(/nests deeper than the analysis follows/) }])
  })
})
