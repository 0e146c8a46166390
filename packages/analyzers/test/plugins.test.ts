import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { parse as parseYaml } from "yaml"
import { builtinRules, decodeYamlRules, loadPlugins, PluginError, PluginSpec, type Rule, TreeSitterAnalyzer } from "../src/index.js"

const examples = path.resolve(__dirname, "../../../examples/plugins")
const fixtures = path.join(__dirname, "fixtures/plugins")

/** Lines carrying a `# CODE` marker: where the rule must report, and the only places it may. */
const markedLines = (source: string, code: string) =>
  source
    .split("\n")
    .flatMap((line, i) => (new RegExp(`#\\s*${code}\\b`).test(line) ? [i + 1] : []))

/** The plugins examples/plugins/analyzer.yaml lists, loaded as the CLI loads them. */
const exampleConfig = Schema.decodeUnknownSync(Schema.Struct({ plugins: Schema.Array(PluginSpec) }))(
  parseYaml(fs.readFileSync(path.join(examples, "analyzer.yaml"), "utf8"))
)

/** A failure of loadPlugins, as the user sees it. */
const failureOf = (specs: ReadonlyArray<PluginSpec>, baseDir: string) =>
  Effect.gen(function* () {
    const result = yield* Effect.either(loadPlugins(specs, baseDir))
    if (Either.isRight(result)) return expect.fail(`loaded ${result.right.map((r) => r.code).join(", ")}, expected a PluginError`)
    expect(result.left).toBeInstanceOf(PluginError)
    expect(result.left.message).not.toMatch(/\n| {4}at /)
    return result.left
  })

/** A folder with the given files, for plugins that must fail. */
const folderWith = (files: Record<string, string>): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-plugins-"))
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
  return dir
}

const rule = (fields: Record<string, string>) => `
  - id: ${fields.id ?? "FAC010"}
    name: ${fields.name ?? "test-rule"}
    severity: ${fields.severity ?? "warning"}
    category: facility
    message: "\`$TEXT\` is a test"
    pattern:
${fields.pattern ?? "      kind: call\n      nthChild: { index: 0, pattern: { resolvesTo: time.sleep } }"}
    invalid: [${fields.invalid ?? '"import time\\ntime.sleep(1)"'}]
    valid: [${fields.valid ?? '"import time\\ntime.time()"'}]
`

describe("plugins", () => {
  it.effect("the example configuration loads FAC001 from the TypeScript plugin and FAC002, FAC003 from the YAML file", () =>
    Effect.gen(function* () {
      const loaded = yield* loadPlugins(exampleConfig.plugins, examples)
      expect(loaded.map((r) => [r.code, r.name, r.category, r.severity])).toEqual([
        ["FAC001", "magnet-current-limit", "facility", "error"],
        ["FAC002", "rf-write", "facility", "error"],
        ["FAC003", "long-sleep", "facility", "warning"]
      ])
      for (const r of loaded) {
        expect(r.doc.whatItDoes.length).toBeGreaterThan(10)
        expect(r.doc.example.length).toBeGreaterThan(0)
      }
    })
  )

  for (const code of ["FAC001", "FAC002", "FAC003"]) {
    it.effect(`${code} reports exactly the marked lines, next to the built-in rules`, () =>
      Effect.gen(function* () {
        const loaded = yield* loadPlugins(exampleConfig.plugins, examples)
        const source = fs.readFileSync(path.join(fixtures, `${code}.py`), "utf8")
        const [, clean = ""] = source.split("# Must stay clean:")
        expect(clean.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")).length).toBeGreaterThan(0)
        const expected = markedLines(source, code)
        expect(expected.length).toBeGreaterThan(0)
        const report = TreeSitterAnalyzer.analyze(source, { rules: [...builtinRules, ...loaded] })
        expect(report.findings.filter((f) => f.rule === "E901")).toEqual([])
        const hits = report.findings.filter((f) => f.rule === code)
        expect([...new Set(hits.map((f) => f.line))], hits.map((f) => `${f.line}: ${f.message}`).join("\n")).toEqual(expected)
        // the built-in rules still report what they find
        if (code !== "FAC003") expect(report.findings.some((f) => f.rule === "EPICS001")).toBe(true)
      })
    )
  }

  it.effect("FAC001 says which PV, which current and which limit; the options set the limit and the PVs", () =>
    Effect.gen(function* () {
      const magnets = (options: unknown) => loadPlugins([{ module: "./magnet-limits.ts", options }], examples)
      const code = 'from epics import caput\ncaput("SR:Q01:CURRENT_SP", 250)\ncaput("BR:B01:I_SET", 120)\n'
      const byDefault = TreeSitterAnalyzer.analyze(code, { rules: yield* magnets(undefined) })
      expect(byDefault.findings.map((f) => f.message)).toEqual(["sets SR:Q01:CURRENT_SP to 250 A, above the facility limit of 200 A"])
      const booster = TreeSitterAnalyzer.analyze(code, { rules: yield* magnets({ maxAmps: 100, pattern: ":I_SET$" }) })
      expect(booster.findings.map((f) => [f.line, f.message])).toEqual([[3, "sets BR:B01:I_SET to 120 A, above the facility limit of 100 A"]])
    })
  )

  it.effect("a YAML rule fills $TEXT with the matched code, and does not report a match inside a match again", () =>
    Effect.gen(function* () {
      const [nested] = yield* decodeYamlRules(
        `rules:${rule({ id: "FAC011", pattern: "      kind: call\n      regex: '^print'", invalid: '"print(print(1))"', valid: '"len([1])"' })}`,
        "inline.yaml"
      )
      const report = TreeSitterAnalyzer.analyze("print(print(1))\nx = 1\nprint('a')\n", { rules: [nested as Rule] })
      expect(report.findings.map((f) => [f.line, f.message])).toEqual([
        [1, "`print(print(1))` is a test"],
        [3, "`print('a')` is a test"]
      ])
    })
  )

  it.effect("resolvesTo follows imports and aliases; kind, not, inside, has, any and nthChild combine", () =>
    Effect.gen(function* () {
      const pattern = [
        "      kind: identifier",
        "      resolvesTo: [epics.caput]",
        "      inside: { kind: function_definition }",
        "      not: { inside: { kind: keyword_argument } }",
        "      any: [{ text: put }, { regex: '^c' }]"
      ].join("\n")
      const [r] = yield* decodeYamlRules(
        `rules:${rule({ id: "FAC012", pattern, invalid: '"from epics import caput as put\\ndef f():\\n    put(\\"X\\", 1)"', valid: '"from epics import caput as put\\nput(\\"X\\", 1)"' })}`,
        "inline.yaml"
      )
      const code = ["import epics as e", "from epics import caput as put", "def f():", "    put('X', 1)", "    g(cb=put)", "    caput = 3", "put('Y', 2)"].join("\n")
      const report = TreeSitterAnalyzer.analyze(code, { rules: [r as Rule] })
      expect(report.findings.map((f) => f.line)).toEqual([4])
      const [call] = yield* decodeYamlRules(
        `rules:${rule({ id: "FAC013", pattern: "      kind: call\n      has: { kind: string, text: \"'X'\" }\n      nthChild: { index: -1, pattern: { kind: argument_list } }", invalid: "\"f('X')\"", valid: "\"f('Y')\"" })}`,
        "inline.yaml"
      )
      expect(TreeSitterAnalyzer.analyze("f('X')\nf('Y')\nf(g('X'))\n", { rules: [call as Rule] }).findings.map((f) => f.line)).toEqual([1, 3])
    })
  )

  describe("a plugin that cannot be loaded gives one PluginError that names it and says what is wrong", () => {
    it.effect("a missing module file, YAML file or package", () =>
      Effect.gen(function* () {
        const file = yield* failureOf([{ module: "./no-such-plugin.ts" }], examples)
        expect(file).toMatchObject({ reason: "not-found", plugin: "./no-such-plugin.ts" })
        expect(file.message).toMatch(/^plugin \.\/no-such-plugin\.ts: no file at .*no-such-plugin\.ts/)
        const yamlFile = yield* failureOf([{ rules: "./no-such-rules.yaml" }], examples)
        expect(yamlFile.message).toMatch(/^plugin \.\/no-such-rules\.yaml: no file at /)
        const pkg = yield* failureOf([{ module: "@acme/pyexec-rules" }], examples)
        expect(pkg.reason).toBe("not-found")
        expect(pkg.message).toMatch(/^plugin @acme\/pyexec-rules: no package named '@acme\/pyexec-rules' is installed .*pnpm add @acme\/pyexec-rules/)
        const bare = yield* failureOf([{ module: "magnet-limits.ts" }], examples)
        expect(bare.message).toMatch(/write \.\/magnet-limits\.ts$/)
      })
    )

    it.effect("a module that throws when imported", () =>
      Effect.gen(function* () {
        const dir = folderWith({ "throws.ts": 'throw new Error("cannot reach the magnet database")\nexport {}\n' })
        const error = yield* failureOf([{ module: "./throws.ts" }], dir)
        expect(error).toMatchObject({ reason: "import-failed", plugin: "./throws.ts" })
        expect(error.message).toBe("plugin ./throws.ts: importing it threw Error: cannot reach the magnet database: fix the module so that it loads")
      })
    )

    it.effect("a module that exports no plugin, or something else than a plugin", () =>
      Effect.gen(function* () {
        const dir = folderWith({
          "nothing.mjs": "export const rules = []\n",
          "number.mjs": "export default 42\n",
          "bad-rule.mjs": `export default { name: "bad", rules: [{ code: "fac1", name: "Magnet Limit", category: "facility", severity: "fatal",
            doc: { whatItDoes: "does things", whyIsThisBad: "it is bad", example: "x" }, check: () => [] }] }\n`,
          "no-check.mjs": `export const plugin = { name: "bad", rules: [{ code: "FAC020", name: "x", category: "facility", severity: "info",
            doc: { whatItDoes: "does things", whyIsThisBad: "it is bad", example: "x" } }] }\n`,
          "reserved.mjs": `export default () => ({ name: "bad", rules: [{ code: "EPICS050", name: "x", category: "facility", severity: "info",
            doc: { whatItDoes: "does things", whyIsThisBad: "it is bad", example: "x" }, check: () => [] }] })\n`
        })
        const nothing = yield* failureOf([{ module: "./nothing.mjs" }], dir)
        expect(nothing).toMatchObject({ reason: "bad-export" })
        expect(nothing.message).toBe("plugin ./nothing.mjs: it exports rules, but no plugin: export default definePlugin({ name, rules }) (or export it as `plugin`)")
        const number = yield* failureOf([{ module: "./number.mjs" }], dir)
        expect(number.message).toMatch(/^plugin \.\/number\.mjs: its default export is a number: export definePlugin/)
        const badRule = yield* failureOf([{ module: "./bad-rule.mjs" }], dir)
        expect(badRule.message).toBe(
          "plugin ./bad-rule.mjs: rules[0].code 'fac1' must look like FAC001: 2 to 8 capital letters, then 3 digits; " +
            "rules[0].name 'Magnet Limit' must be kebab-case, like magnet-current-limit; rules[0].severity must be info, warning or error, not 'fatal'"
        )
        const noCheck = yield* failureOf([{ module: "./no-check.mjs" }], dir)
        expect(noCheck.message).toBe("plugin ./no-check.mjs: rules[0].check is missing")
        const reserved = yield* failureOf([{ module: "./reserved.mjs" }], dir)
        expect(reserved.message).toMatch(/rules\[0\]\.code 'EPICS050' uses EPICS, the prefix of pyexec's built-in rules/)
      })
    )

    it.effect("options the plugin rejects, and options for a plugin that takes none", () =>
      Effect.gen(function* () {
        const bad = yield* failureOf([{ module: "./magnet-limits.ts", options: { maxAmps: "lots" } }], examples)
        expect(bad).toMatchObject({ reason: "bad-options", plugin: "./magnet-limits.ts" })
        expect(bad.message).toBe('plugin ./magnet-limits.ts: its options were rejected: options.maxAmps: expected number, actual "lots"')
        const typo = yield* failureOf([{ module: "./magnet-limits.ts", options: { maxAmp: 100 } }], examples)
        expect(typo.message).toMatch(/^plugin \.\/magnet-limits\.ts: its options were rejected: options\.maxAmp is unexpected/)
        const regex = yield* failureOf([{ module: "./magnet-limits.ts", options: { pattern: "(" } }], examples)
        expect(regex.message).toMatch(/options\.pattern '\(' is not a regular expression/)
        const dir = folderWith({ "fixed.mjs": 'export default { name: "fixed", rules: [] }\n' })
        const none = yield* failureOf([{ module: "./fixed.mjs", options: { maxAmps: 1 } }], dir)
        expect(none.message).toBe("plugin ./fixed.mjs: it takes no options (it exports a plugin, not a function of options): remove `options` from its entry")
      })
    )

    it.effect("a YAML file that is not YAML, or not a rule file", () =>
      Effect.gen(function* () {
        const dir = folderWith({
          "broken.yaml": "rules:\n  - id: FAC010\n   name: x\n",
          "list.yaml": "- id: FAC010\n",
          "kind.yaml": `rules:${rule({ pattern: "      kind: call_expression" })}`,
          "regex.yaml": `rules:${rule({ pattern: "      regex: '(unclosed'" })}`,
          "typo.yaml": `rules:${rule({ pattern: "      kind: call\n      inisde: { kind: with_statement }" })}`,
          "empty.yaml": `rules:${rule({ pattern: "      {}" })}`,
          "name.yaml": `rules:${rule({ pattern: "      resolvesTo: [epics.caput, 'epics caput']" })}`
        })
        const broken = yield* failureOf([{ rules: "./broken.yaml" }], dir)
        expect(broken).toMatchObject({ reason: "bad-yaml", plugin: "./broken.yaml" })
        expect(broken.message).toMatch(/^plugin \.\/broken\.yaml: is not valid YAML: .*line 3/)
        const list = yield* failureOf([{ rules: "./list.yaml" }], dir)
        expect(list).toMatchObject({ reason: "bad-rules" })
        expect(list.message).toBe("plugin ./list.yaml: must be a mapping with a `rules:` list")
        const kind = yield* failureOf([{ rules: "./kind.yaml" }], dir)
        expect(kind.message).toBe("plugin ./kind.yaml: rules[0].pattern.kind 'call_expression' is not a tree-sitter-python node kind: did you mean call, expression?")
        const regex = yield* failureOf([{ rules: "./regex.yaml" }], dir)
        expect(regex.message).toMatch(/^plugin \.\/regex\.yaml: rules\[0\]\.pattern\.regex '\(unclosed' is not a regular expression/)
        const typo = yield* failureOf([{ rules: "./typo.yaml" }], dir)
        expect(typo.message).toMatch(/^plugin \.\/typo\.yaml: rules\[0\]\.pattern\.inisde is unexpected, expected: /)
        const empty = yield* failureOf([{ rules: "./empty.yaml" }], dir)
        expect(empty.message).toMatch(/^plugin \.\/empty\.yaml: rules\[0\]\.pattern is empty, so it would match every node/)
        const name = yield* failureOf([{ rules: "./name.yaml" }], dir)
        expect(name.message).toBe("plugin ./name.yaml: rules[0].pattern.resolvesTo[1] 'epics caput' is not a qualified name like epics.caput, epics.PV.put or epics.PV()")
      })
    )

    it.effect("an invalid example the rule does not report, a valid one it does, an example that is not Python", () =>
      Effect.gen(function* () {
        const dir = folderWith({
          "missed.yaml": `rules:${rule({ invalid: '"import time\\ntime.time()"', valid: "" })}`,
          "flagged.yaml": `rules:${rule({ valid: '"import time\\ntime.time()", "from time import sleep\\nsleep(2)"' })}`,
          "syntax.yaml": `rules:${rule({ invalid: '"import time\\ntime.sleep(1"' })}`
        })
        const missed = yield* failureOf([{ rules: "./missed.yaml" }], dir)
        expect(missed).toMatchObject({ reason: "failed-example", plugin: "./missed.yaml" })
        expect(missed.message).toBe(
          "plugin ./missed.yaml: rule FAC010 (test-rule) reports nothing on invalid example 1 (`import time`): fix the pattern so it matches, or the example"
        )
        const flagged = yield* failureOf([{ rules: "./flagged.yaml" }], dir)
        expect(flagged.message).toBe(
          "plugin ./flagged.yaml: rule FAC010 (test-rule) reports line 2 of valid example 2 (`from time import sleep`), which must stay clean " +
            '("`sleep(2)` is a test"): narrow the pattern, or move the example to invalid'
        )
        const syntax = yield* failureOf([{ rules: "./syntax.yaml" }], dir)
        expect(syntax.message).toMatch(/invalid example 1 \(`import time`\) is not valid Python: fix the example$/)
      })
    )

    it.effect("a rule code used twice, or one of a built-in rule", () =>
      Effect.gen(function* () {
        const twice = yield* failureOf([{ module: "./magnet-limits.ts" }, { module: "./magnet-limits.ts", options: { maxAmps: 100 } }], examples)
        expect(twice).toMatchObject({ reason: "duplicate-code", plugin: "./magnet-limits.ts" })
        expect(twice.message).toBe(
          "plugin ./magnet-limits.ts: rule code FAC001 (magnet-current-limit) is already taken by magnet-current-limit of plugin ./magnet-limits.ts: give each rule a code of its own"
        )
        const dir = folderWith({
          "same-file.yaml": `rules:${rule({})}${rule({ name: "other-rule" })}`,
          "copies.yaml": `rules:${rule({ id: "FAC001" })}`
        })
        const sameFile = yield* failureOf([{ rules: "./same-file.yaml" }], dir)
        expect(sameFile.message).toMatch(/^plugin \.\/same-file\.yaml: rule code FAC010 \(other-rule\) is already taken by test-rule of plugin \.\/same-file\.yaml/)
        const copies = yield* failureOf([{ module: path.join(examples, "magnet-limits.ts") }, { rules: "./copies.yaml" }], dir)
        expect(copies.message).toMatch(/^plugin \.\/copies\.yaml: rule code FAC001 \(test-rule\) is already taken by magnet-current-limit of plugin \//)
      })
    )
  })
})
