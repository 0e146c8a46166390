/**
 * What the policy decides (mode epics_writes) for every snippet in the folders given:
 *   pnpm --filter @pyexec/analyzers gate test/gate/writes [--findings]
 * Prints one line per file (decision, file, first reason) and the count of each decision.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Policy } from "@pyexec/core"
import { analyze } from "../src/TreeSitterAnalyzer.js"

const args = process.argv.slice(2)
const showFindings = args.includes("--findings")
const counts = new Map<string, number>()
for (const dir of args.filter((a) => !a.startsWith("--"))) {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
    const report = analyze(fs.readFileSync(path.join(dir, file), "utf8"))
    const verdict = Policy.decide(report, "epics_writes")
    counts.set(verdict.decision, (counts.get(verdict.decision) ?? 0) + 1)
    console.log(`${verdict.decision.padEnd(15)} ${file}  ${verdict.decision === "execute" ? "" : (verdict.reasons[0] ?? "")}`)
    if (showFindings) for (const f of report.findings) console.log(`    ${f.rule} ${f.category} ${f.line}:${f.column} ${f.message}`)
  }
}
console.log([...counts].map(([d, n]) => `${d}: ${n}`).join(", "))
