import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Finding } from "@pyexec/core"
import { TreeSitterAnalyzer } from "../src/index.js"

/**
 * The evasion corpus: one Python snippet per file in `test/corpus`, each opening with a header
 *
 *   # expect: epics-write, dynamic-code    (categories that must be reported, or `nothing`)
 *   # why: what the trick is
 *   # tricky                               (optional: marks the adversarial half)
 *
 * Rules checked for every snippet:
 * - `nothing`: every finding is `epics-read` (informational, allowed anywhere).
 * - otherwise: every listed category is found, and `epics-write` is found exactly when it is listed.
 */

const corpusDir = path.join(__dirname, "corpus")

const categories = Finding.knownCategories
type Category = (typeof categories)[number]
const isCategory = (name: string): name is Category => (categories as ReadonlyArray<string>).includes(name)

interface Snippet {
  readonly file: string
  readonly source: string
  readonly why: string
  readonly tricky: boolean
  /** `undefined` means `# expect: nothing`. */
  readonly expected: ReadonlyArray<Category> | undefined
  /** Set when the header is malformed; the snippet's test fails with it. */
  readonly headerError: string | undefined
}

const parseSnippet = (file: string, source: string): Snippet => {
  const lines = source.split("\n")
  const end = lines.findIndex((line) => !line.startsWith("#"))
  const header = end === -1 ? lines : lines.slice(0, end)
  const errors: Array<string> = []
  const field = (name: string): string => {
    const values = header.flatMap((line) => {
      const match = new RegExp(`^#\\s*${name}:(.*)$`).exec(line)
      return match ? [match[1]!.trim()] : []
    })
    if (values.length !== 1) {
      errors.push(`expected exactly one "# ${name}:" line in the leading comment block, found ${values.length}`)
    } else if (values[0] === "") {
      errors.push(`"# ${name}:" is empty`)
    }
    return values[0] ?? ""
  }
  const expectLine = field("expect")
  const why = field("why")
  const tricky = header.some((line) => /^#\s*tricky\s*$/.test(line))

  const names = expectLine
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
  let expected: ReadonlyArray<Category> | undefined
  if (names.length === 1 && names[0] === "nothing") {
    expected = undefined
  } else {
    const unknown = names.filter((name) => !isCategory(name))
    if (unknown.length > 0) {
      errors.push(
        `"# expect:" names unknown ${unknown.length === 1 ? "category" : "categories"} ${unknown.map((u) => JSON.stringify(u)).join(", ")}; known: nothing, ${categories.join(", ")}`
      )
    }
    if (new Set(names).size !== names.length) errors.push(`"# expect:" repeats a category`)
    expected = names.filter(isCategory)
  }
  return {
    file,
    source,
    why,
    tricky,
    expected,
    headerError: errors.length > 0 ? `${file}: bad header: ${errors.join("; ")}` : undefined
  }
}

const snippets: ReadonlyArray<Snippet> = fs
  .readdirSync(corpusDir)
  .filter((name) => name.endsWith(".py"))
  .sort()
  .map((file) => parseSnippet(file, fs.readFileSync(path.join(corpusDir, file), "utf8")))

/** What went wrong for one snippet; empty when the report matches the header. */
const violations = (snippet: Snippet, found: ReadonlySet<string>): Array<string> => {
  if (snippet.expected === undefined) {
    const extra = [...found].filter((category) => category !== "epics-read")
    return extra.length > 0 ? [`expected nothing (epics-read at most) but found ${extra.join(", ")}`] : []
  }
  const problems: Array<string> = []
  const missing = snippet.expected.filter((category) => !found.has(category))
  if (missing.length > 0) problems.push(`missing ${missing.join(", ")}`)
  const wantWrite = snippet.expected.includes("epics-write")
  if (found.has("epics-write") && !wantWrite) problems.push("found epics-write, which the header does not list")
  return problems
}

describe("evasion corpus", () => {
  for (const snippet of snippets) {
    it(`${snippet.file}: ${snippet.why || "(no why)"}`, () => {
      if (snippet.headerError !== undefined) throw new Error(snippet.headerError)
      const report = TreeSitterAnalyzer.analyze(snippet.source)
      const found = new Set(report.findings.map((f) => f.category))
      const problems = violations(snippet, found)
      const details = [
        `${snippet.file} (${snippet.why})`,
        `expected: ${snippet.expected === undefined ? "nothing" : snippet.expected.join(", ")}`,
        `found categories: ${found.size > 0 ? [...found].sort().join(", ") : "(none)"}`,
        "findings:",
        ...(report.findings.length > 0
          ? report.findings.map((f) => `  ${f.rule} [${f.category}] line ${f.line}:${f.column} ${f.message}`)
          : ["  (none)"])
      ].join("\n")
      expect(problems, details).toEqual([])
    })
  }

  it("is big and varied enough", () => {
    const headerErrors = snippets.flatMap((s) => (s.headerError === undefined ? [] : [s.headerError]))
    expect(headerErrors, "snippets with a malformed header").toEqual([])
    expect(snippets.length, "snippets in test/corpus").toBeGreaterThanOrEqual(120)
    expect(snippets.filter((s) => s.tricky).length, "snippets marked # tricky").toBeGreaterThanOrEqual(60)
    expect(snippets.filter((s) => s.expected === undefined).length, "snippets expecting nothing").toBeGreaterThanOrEqual(35)
    const uses = Object.fromEntries(categories.map((c) => [c, snippets.filter((s) => s.expected?.includes(c)).length]))
    const rare = Object.entries(uses).filter(([, count]) => count < 2)
    expect(rare, `categories named in fewer than 2 expect lines (counts: ${JSON.stringify(uses)})`).toEqual([])
  })
})
