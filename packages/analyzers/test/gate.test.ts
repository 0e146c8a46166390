import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Policy } from "@pyexec/core"
import { TreeSitterAnalyzer } from "../src/index.js"

/**
 * The analyzer as a gate: code runs without a person only when the analyzer shows it reads.
 *
 * - `gate/writes`: scripts that write to EPICS, disguised (values handed to library code, binding forms, calls
 *   the library table does not know, code outside the parsed text, channels outside the table). Each opens with
 *   `# class: callback|binding|unknown|outside|channel` and `# why:`. Every one must get a decision other than
 *   `execute`.
 * - `gate/reads`: realistic read-only control-room analyses (`# topic:`, `# why:`). At least 85% must run without
 *   approval; the figure is printed (`pnpm --filter @pyexec/analyzers gate` lists each decision).
 */

const folder = (name: string) => path.join(__dirname, "gate", name)
const scripts = (name: string) =>
  fs
    .readdirSync(folder(name))
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((file) => ({ file, source: fs.readFileSync(path.join(folder(name), file), "utf8") }))

const header = (source: string, field: string) => new RegExp(`^# ${field}: *(.+)$`, "m").exec(source.split(/\n(?!#)/)[0] ?? "")?.[1]?.trim()
const decide = (source: string) => {
  const report = TreeSitterAnalyzer.analyze(source)
  return { report, verdict: Policy.decide(report, "epics_writes") }
}

const writes = scripts("writes")
const reads = scripts("reads")
const classes = ["callback", "binding", "unknown", "outside", "channel"]

describe("gate: code that writes, however disguised, never runs without approval", () => {
  it("the corpus is large and covers every class", () => {
    expect(writes.length).toBeGreaterThanOrEqual(150)
    for (const c of classes) expect(writes.filter((w) => header(w.source, "class") === c).length, c).toBeGreaterThanOrEqual(20)
  })

  for (const { file, source } of writes) {
    it(`${file}: ${header(source, "why") ?? "(no why)"}`, () => {
      expect(classes, `${file}: "# class:" must be one of ${classes.join(", ")}`).toContain(header(source, "class"))
      const { report, verdict } = decide(source)
      const findings = report.findings.map((f) => `  ${f.rule} line ${f.line}: ${f.message}`).join("\n")
      expect(verdict.decision, `${file} runs without approval; findings:\n${findings || "  (none)"}`).not.toBe("execute")
      // asked for the right reason: the file parses and a person is asked about what it does. Code that does not
      // parse goes back to the generator ("retry") whatever it holds: a typo here would pass for the wrong reason.
      expect(report.parsed, `${file} does not parse`).toBe(true)
      expect(report.findings.filter((f) => f.category === "syntax").map((f) => `${f.rule} line ${f.line}`), `${file} has a syntax error`).toEqual([])
      expect(verdict.decision, `${file}: ${verdict.reasons.join("; ")}`).toBe("needs-approval")
    })
  }
})

describe("gate: read-only analyses keep running without approval", () => {
  it("at least 100 analyses, at least 85% of them run without approval", () => {
    expect(reads.length).toBeGreaterThanOrEqual(100)
    const asked = reads.flatMap(({ file, source }) => {
      const { verdict } = decide(source)
      return verdict.decision === "execute" ? [] : [`${file}: ${verdict.decision}: ${verdict.reasons[0]}`]
    })
    const share = (reads.length - asked.length) / reads.length
    console.log(`gate: ${reads.length - asked.length} of ${reads.length} read-only analyses run without approval (${(share * 100).toFixed(1)}%)${asked.length > 0 ? `; asked:\n${asked.join("\n")}` : ""}`)
    expect(share, asked.join("\n")).toBeGreaterThanOrEqual(0.85)
  })

  it("every analysis says what it is about", () => {
    const malformed = reads.filter(({ source }) => header(source, "topic") === undefined || header(source, "why") === undefined).map((r) => r.file)
    expect(malformed, 'each opens with "# topic:" and "# why:"').toEqual([])
  })
})
