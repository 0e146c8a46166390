/**
 * Writes docs/rules.md, the page each rule's `helpUri` in `pyexec analyze --format sarif` points into, from the
 * rules' own doc blocks, so the two cannot drift. Run it with
 * `node --import tsx packages/analyzers/scripts/generate-rules-doc.ts`; test/report.test.ts fails while the page is stale.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { scoreBySeverity, securityProperties } from "../src/report/securityProperties.js"
import { unreadableFile } from "../src/report/unreadableFile.js"
import type { Rule } from "../src/Rule.js"
import { builtinRules } from "../src/rules/index.js"

export const rulesDocPath = fileURLToPath(new URL("../../../docs/rules.md", import.meta.url))

const section = (rule: Rule): string => {
  const { tags, "security-severity": score } = securityProperties(rule.category, rule.severity)
  const { whatItDoes, whyIsThisBad, example, useInstead } = rule.doc
  return [
    `## ${rule.code} ${rule.name}`,
    "",
    `Category \`${rule.category}\`, severity \`${rule.severity}\`, tags ${tags.map((t) => `\`${t}\``).join(", ")}${score ? `, security-severity ${score}` : ""}.`,
    "",
    `**What it does.** ${whatItDoes}`,
    "",
    `**Why is this bad?** ${whyIsThisBad}`,
    "",
    "**Example.**",
    "",
    "```python",
    example,
    "```",
    ...(useInstead ? ["", `**Use instead.** ${useInstead}`] : []),
    ""
  ].join("\n")
}

/** The text of docs/rules.md. */
export const renderRulesDoc = (): string =>
  [
    "<!-- Generated from packages/analyzers/src/rules/ by packages/analyzers/scripts/generate-rules-doc.ts: do not edit. -->",
    "# pyexec's rules",
    "",
    "What `pyexec analyze` and every run report, one section a rule; `pyexec analyze --format sarif` links each",
    "rule's `helpUri` here. `security-severity` is the score GitHub code scanning ranks a security alert by (9.0 and",
    "up critical, 7.0 high, 4.0 medium, below that low); it follows the rule's category (see",
    "`packages/analyzers/src/report/securityProperties.ts`).",
    "",
    ...[...builtinRules, unreadableFile].map(section),
    "## Facility rules",
    "",
    "Rules a site adds with `PYEXEC_ANALYZER_CONFIG` (plugins and YAML rules, see the README's *Facility rules*) are",
    "documented where they are written. Their security-severity follows their category when pyexec knows it, else",
    `their severity: ${Object.entries(scoreBySeverity).map(([severity, score]) => `${score} for \`${severity}\``).join(", ")}.`,
    ""
  ].join("\n")

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  fs.writeFileSync(rulesDocPath, renderRulesDoc())
  console.log(`wrote ${path.relative(process.cwd(), rulesDocPath)}`)
}
