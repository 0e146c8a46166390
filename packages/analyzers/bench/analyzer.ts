/**
 * Analyzer speed, measured in one run on this machine:
 *   - pyexec's analyzer against Bandit on the same Python files (time per MB, and the ratio);
 *   - pyexec's analyzer against a bare tree-sitter parse of the same files (the floor);
 *   - p50/p99 of one typical 50-line snippet, warm.
 * Usage: pnpm bench:analyzer [--mb 4]  (from the repository root)   (installs Bandit into .bench-venv on first use)
 * The files are the first N MB (sorted by path) of the installed pandas and matplotlib sources.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { TreeSitterAnalyzer } from "../src/index.js"
import Parser from "tree-sitter"
import Python from "tree-sitter-python"

const BANDIT = "bandit==1.9.4"
const budgetMb = Number(process.argv[process.argv.indexOf("--mb") + 1] ?? 4) || 4
const root = path.resolve(import.meta.dirname, "../../..")

const python = fs.existsSync(path.join(root, ".venv/bin/python")) ? path.join(root, ".venv/bin/python") : "python3"
const site = (pkg: string) => execFileSync(python, ["-c", `import ${pkg}, os; print(os.path.dirname(${pkg}.__file__))`], { encoding: "utf8" }).trim()

const walk = (dir: string): Array<string> =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".py") ? [path.join(dir, e.name)] : []))

// The same files for every contender, copied into one folder for Bandit.
const corpus = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-bench-"))
const files: Array<{ name: string; source: string }> = []
let bytes = 0
for (const file of [...walk(site("pandas")), ...walk(site("matplotlib"))]) {
  if (bytes >= budgetMb * 1024 * 1024) break
  const source = fs.readFileSync(file, "utf8")
  const name = `${files.length}.py`
  fs.writeFileSync(path.join(corpus, name), source)
  files.push({ name, source })
  bytes += Buffer.byteLength(source)
}
const mb = bytes / 1024 / 1024

const time = (f: () => void) => {
  const start = performance.now()
  f()
  return performance.now() - start
}
const best = (runs: number, f: () => void) => Math.min(...Array.from({ length: runs }, () => time(f)))

// The typical case first, in its own steady state; again after the bulk run, whose larger heap makes GC pauses longer.
const snippet = fs.readFileSync(path.join(root, "examples/beam_current.py"), "utf8").split("\n").slice(0, 50).join("\n")
const percentiles = () => {
  for (let i = 0; i < 500; i++) TreeSitterAnalyzer.analyze(snippet)
  const samples = Array.from({ length: 5000 }, () => time(() => TreeSitterAnalyzer.analyze(snippet))).sort((a, b) => a - b)
  const at = (p: number) => `${(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]! * 1000).toFixed(0)} µs`
  return `p50 ${at(50)}, p99 ${at(99)}`
}
const snippetAlone = percentiles()

const parser = new Parser()
parser.setLanguage(Python as unknown as Parser.Language)
const parseAll = () => {
  for (const f of files) parser.parse(f.source)
}
const analyzeAll = () => {
  for (const f of files) TreeSitterAnalyzer.analyze(f.source)
}
parseAll()
analyzeAll() // warm
const parseMs = best(3, parseAll)
const pyexecMs = best(3, analyzeAll)

const venv = path.join(root, ".bench-venv")
if (!fs.existsSync(path.join(venv, "bin/bandit"))) {
  console.error(`installing ${BANDIT} into .bench-venv`)
  execFileSync("python3", ["-m", "venv", venv])
  execFileSync(path.join(venv, "bin/pip"), ["install", "-q", BANDIT], { stdio: "inherit" })
}
const banditMs = best(2, () => {
  try {
    execFileSync(path.join(venv, "bin/bandit"), ["-q", "-r", "-f", "json", "-o", path.join(corpus, "bandit.json"), corpus], { stdio: "ignore" })
  } catch {
    // bandit exits 1 when it finds issues
  }
})

const perMb = (ms: number) => `${(ms / mb).toFixed(1)} ms/MB`
console.log(`files: ${files.length} Python files, ${mb.toFixed(2)} MB (pandas + matplotlib sources)`)
console.log(`tree-sitter parse only: ${parseMs.toFixed(0)} ms  (${perMb(parseMs)})`)
console.log(`pyexec analyze:         ${pyexecMs.toFixed(0)} ms  (${perMb(pyexecMs)})  = ${(pyexecMs / parseMs).toFixed(2)}x the bare parse (goal <= 3x)`)
console.log(`bandit ${BANDIT.split("==")[1]}:          ${banditMs.toFixed(0)} ms  (${perMb(banditMs)})`)
console.log(`pyexec is ${(banditMs / pyexecMs).toFixed(1)}x faster than Bandit (goal >= 10x)`)
console.log(`50-line snippet, warm: ${snippetAlone} (goal < 2 ms); after the bulk run: ${percentiles()}`)
fs.rmSync(corpus, { recursive: true, force: true })
