import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import AjvDraft04 from "ajv-draft-04"
import addFormats from "ajv-formats"
import { errorLines, pyexec, pyexecBin, repoRoot, tempDir } from "./support/cli.js"

/** The official OASIS SARIF 2.1.0 schema, kept with the analyzers' tests (see packages/analyzers/test/report.test.ts). */
const sarifSchema = JSON.parse(fs.readFileSync(path.join(repoRoot, "packages/analyzers/test/schemas/sarif-schema-2.1.0.json"), "utf8"))
const ajv = new AjvDraft04.default({ allErrors: true })
addFormats.default(ajv)
const validateSarif = ajv.compile(sarifSchema)

const pvWrite = 'from epics import caput as cp\ncp("X", 1)\n'

const folderWith = (files: Record<string, string | Uint8Array>) => {
  const cwd = tempDir("analyze")
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true })
    fs.writeFileSync(path.join(cwd, name), content)
  }
  return cwd
}

/** Bad input: exit 2, one line on stderr that says what and what to do, nothing on stdout, no stack trace. */
const expectUsageError = (result: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe("")
  const lines = errorLines(result.stderr)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

describe("pyexec analyze", () => {
  it("a clean file: exit 0, a summary, and no database", async () => {
    const cwd = folderWith({ "ok.py": "results = {'a': 1}\n" })
    const result = await pyexec(["analyze", "ok.py"], { cwd })
    expect(result).toMatchObject({ code: 0, stderr: "" })
    expect(result.stdout.trim()).toBe("1 file: 1 execute; no findings")
    expect(fs.existsSync(path.join(cwd, ".pyexec"))).toBe(false)
  })

  it("a report longer than a pipe's buffer reaches a slow reader whole", async () => {
    const cwd = folderWith(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`write-${i}.py`, pvWrite])))
    // the reader starts after the command has written 64 KiB and would have exited
    const piped = `"${pyexecBin}" analyze . --format json | (sleep 2; cat)`
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile("sh", ["-c", piped], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, out) => (error ? reject(error) : resolve(out)))
    )
    expect(stdout.length).toBeGreaterThan(64 * 1024)
    expect(JSON.parse(stdout).files).toHaveLength(400)
  })

  it("an aliased EPICS write: exit 1, needs-approval with an EPICS001 finding", async () => {
    const cwd = folderWith({ "write.py": pvWrite })
    const result = await pyexec(["analyze", "write.py", "--format", "json"], { cwd })
    expect(result.code).toBe(1)
    const json = JSON.parse(result.stdout)
    expect(Object.keys(json)).toEqual(["files"])
    expect(json.files).toEqual([
      {
        file: "write.py",
        decision: "needs-approval",
        findings: [expect.objectContaining({ rule: "EPICS001", category: "epics-write", severity: "error", line: 2, column: 1 })]
      }
    ])
    expect(Object.keys(json.files[0].findings[0])).toEqual(["rule", "category", "severity", "line", "column", "message"])
  })

  it("text: file:line:col, the code, the source line with carets, the decision", async () => {
    const cwd = folderWith({ "write.py": pvWrite })
    const result = await pyexec(["analyze", "write.py"], { cwd })
    expect(result.code).toBe(1)
    const lines = result.stdout.split("\n")
    const at = lines.findIndex((l) => l.startsWith("write.py:2:1: EPICS001 [pv-write] "))
    expect(lines.slice(at + 1, at + 3)).toEqual(['  2 | cp("X", 1)', "    | ^^^^^^^^^^"])
    expect(lines).toContain("write.py: needs-approval")
    expect(result.stdout.trim().split("\n").at(-1)).toBe("1 file: 1 needs-approval; 1 finding (1 error)")
  })

  it("walks a folder for *.py in name order, skipping .venv and __pycache__", async () => {
    const cwd = folderWith({
      "src/b.py": "x = 1\n",
      "src/a/write.py": pvWrite,
      "src/a/readme.md": "# not python\n",
      "src/.venv/lib/site.py": pvWrite,
      "src/__pycache__/c.py": pvWrite
    })
    const result = await pyexec(["analyze", "src", "--format", "json"], { cwd })
    expect(result.code).toBe(1)
    const files = JSON.parse(result.stdout).files as Array<{ file: string; decision: string }>
    expect(files.map((f) => [f.file, f.decision])).toEqual([
      ["src/a/write.py", "needs-approval"],
      ["src/b.py", "execute"]
    ])
  })

  it("follows PYEXEC_POLICY_MODE", async () => {
    const cwd = folderWith({ "ok.py": "x = 1\n", "write.py": pvWrite })
    expect((await pyexec(["analyze", "."], { cwd, env: { PYEXEC_POLICY_MODE: "disabled" } })).code).toBe(0)
    const strict = await pyexec(["analyze", ".", "--format", "json"], { cwd, env: { PYEXEC_POLICY_MODE: "all_code" } })
    expect(strict.code).toBe(1)
    expect(JSON.parse(strict.stdout).files.map((f: { decision: string }) => f.decision)).toEqual(["needs-approval", "needs-approval"])
    expectUsageError(await pyexec(["analyze", "."], { cwd, env: { PYEXEC_POLICY_MODE: "sometimes" } }), /^pyexec: configuration: .*PYEXEC_POLICY_MODE/)
  })

  it("a file that is not UTF-8 and an 11 MB file: E902 findings, exit 1, quickly", async () => {
    const cwd = folderWith({
      "latin.py": Buffer.from('name = "Jos\xe9"\n', "latin1"),
      "huge.py": Buffer.alloc(11 * 1000 * 1000, "x = 1\n"),
      "ok.py": "x = 1\n"
    })
    const started = Date.now()
    const result = await pyexec(["analyze", ".", "--format", "json"], { cwd })
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe("")
    const files = JSON.parse(result.stdout).files as Array<{ file: string; decision: string; findings: Array<{ rule: string; message: string }> }>
    expect(files.map((f) => [f.file, f.decision, f.findings.map((x) => x.rule)])).toEqual([
      ["huge.py", "retry", ["E902"]],
      ["latin.py", "retry", ["E902"]],
      ["ok.py", "execute", []]
    ])
    expect(files[0]!.findings[0]!.message).toBe("the file is 10.5 MiB, over the 10.0 MiB limit, and was not analysed: split it into smaller files")
    expect(files[1]!.findings[0]!.message).toBe("the file is not UTF-8 text (first bad byte on line 1) and was not analysed: save it as UTF-8")
    const text = await pyexec(["analyze", "latin.py"], { cwd })
    expect(text.code).toBe(1)
    expect(text.stdout).toContain("latin.py:1:1: E902 [unreadable-file] the file is not UTF-8 text")
  })

  it("--format sarif validates against the SARIF 2.1.0 schema", async () => {
    const cwd = folderWith({ "pkg/write.py": pvWrite, "pkg/broken.py": "x = (1\n", "pkg/ok.py": "x = 1\n", "latin.py": Buffer.from([0xff, 0x0a]) })
    const result = await pyexec(["analyze", "pkg", "latin.py", "--format", "sarif"], { cwd })
    expect(result.code).toBe(1)
    const sarif = JSON.parse(result.stdout)
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true)
    const run = sarif.runs[0]
    expect(run.tool.driver.name).toBe("pyexec")
    expect(run.artifacts.map((a: { location: { uri: string }; properties: { decision: string } }) => [a.location.uri, a.properties.decision])).toEqual([
      ["pkg/broken.py", "retry"],
      ["pkg/ok.py", "execute"],
      ["pkg/write.py", "needs-approval"],
      ["latin.py", "retry"]
    ])
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(["E999", "EPICS001", "E902"]))
  })

  it("--format sarif links every rule to its section of this checkout's docs/rules.md, and --category names the analysis", async () => {
    const cwd = folderWith({ "write.py": pvWrite })
    const result = await pyexec(["analyze", "write.py", "--format", "sarif", "--category", "beamline"], { cwd })
    const run = JSON.parse(result.stdout).runs[0]
    expect(run.automationDetails).toEqual({ id: "pyexec/analyze/beamline/" })
    expect(fileURLToPath(run.tool.driver.informationUri)).toBe(path.join(repoRoot, "README.md"))
    const doc = path.join(repoRoot, "docs/rules.md")
    const sections = fs.readFileSync(doc, "utf8")
    for (const rule of run.tool.driver.rules as Array<{ id: string; name: string; helpUri: string }>) {
      const url = new URL(rule.helpUri)
      expect(fileURLToPath(url)).toBe(doc)
      expect(sections).toContain(`## ${rule.id} ${rule.name}\n`)
      expect(url.hash).toBe(`#${rule.id.toLowerCase()}-${rule.name}`)
    }
    expect(run.results[0].partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/)
  })

  it("a missing path: exit 2 and one clear line", async () => {
    const cwd = folderWith({ "ok.py": "x = 1\n" })
    expectUsageError(await pyexec(["analyze", "ok.py", "nope.py"], { cwd }), /^pyexec: no such file or folder: nope\.py\. Pass Python files, or folders to search for \*\.py$/)
  })

  it("no Python file, no PATH, or a bad --format: exit 2", async () => {
    const cwd = folderWith({ "docs/readme.md": "# hi\n", "ok.py": "x = 1\n" })
    expectUsageError(await pyexec(["analyze", "docs"], { cwd }), /^pyexec: no Python files in docs: pass \.py files, or folders that hold them$/)
    expect((await pyexec(["analyze"], { cwd })).code).toBe(2)
    const badFormat = await pyexec(["analyze", "ok.py", "--format", "xml"], { cwd })
    expect(badFormat.code).toBe(2)
    expect(badFormat.stderr).toMatch(/text, json, sarif/)
  })

  it("other commands keep exit 3 for bad input", async () => {
    const cwd = folderWith({})
    expect((await pyexec(["runs", "--status", "bogus"], { cwd })).code).toBe(3)
  })
})

describe("pyexec analyze with an analyzer configuration (PYEXEC_ANALYZER_CONFIG)", () => {
  const exampleConfig = path.join(repoRoot, "examples/plugins/analyzer.yaml")
  const magnet = 'from epics import caput\ncaput("SR:Q01:CURRENT_SP", 250)\nimport time\ntime.sleep(120)\n'

  it("adds the plugins' rules: a TypeScript plugin and YAML rules", async () => {
    const cwd = tempDir("analyze-plugins")
    fs.writeFileSync(path.join(cwd, "magnet.py"), magnet)
    const result = await pyexec(["analyze", "magnet.py", "--format", "json"], { cwd, env: { PYEXEC_ANALYZER_CONFIG: exampleConfig } })
    expect(result.code).toBe(1)
    const rules = JSON.parse(result.stdout).files[0].findings.map((f: { rule: string }) => f.rule)
    expect(rules).toEqual(["EPICS001", "FAC001", "FAC003"])
  })

  it("refuses an unknown rule code or a broken plugin with one clear line, for analyze and for runs", async () => {
    const cwd = tempDir("analyze-bad-config")
    fs.writeFileSync(path.join(cwd, "magnet.py"), magnet)
    fs.writeFileSync(path.join(cwd, "unknown.yaml"), "severity:\n  NOPE001: error\n")
    fs.writeFileSync(path.join(cwd, "throws.mjs"), "throw new Error('boom')\n")
    fs.writeFileSync(path.join(cwd, "broken.yaml"), "plugins:\n  - module: ./throws.mjs\n")
    for (const [config, pattern] of [
      ["unknown.yaml", /^pyexec: analyzer configuration unknown\.yaml: severity names rule NOPE001, which does not exist/],
      ["broken.yaml", /^pyexec: plugin \.\/throws\.mjs: .*boom/]
    ] as const) {
      const analyzed = await pyexec(["analyze", "magnet.py"], { cwd, env: { PYEXEC_ANALYZER_CONFIG: config } })
      expect(analyzed.code).toBe(2)
      expect(errorLines(analyzed.stderr)).toEqual([expect.stringMatching(pattern)])
      const executed = await pyexec(["exec", "magnet.py"], { cwd, env: { PYEXEC_ANALYZER_CONFIG: config } })
      expect(executed.code).toBe(3)
      expect(errorLines(executed.stderr)).toEqual([expect.stringMatching(pattern)])
    }
    expect(JSON.parse((await pyexec(["runs", "--json"], { cwd })).stdout)).toEqual([])
  })
})
