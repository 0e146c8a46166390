/**
 * Analyzer speed, measured in one run on this machine:
 *   - pyexec's analyzer against Bandit on the same Python files (time per MB, and the ratio);
 *   - pyexec's analyzer against a bare tree-sitter parse of the same files (the floor);
 *   - p50/p99 of one typical 50-line snippet, warm;
 *   - the analyzer's own EPICS corpora (test/gate), where the whole model runs: against a bare parse, and per file.
 * Usage: pnpm bench:analyzer [--mb 4] [--rounds 3]  (from the repository root)   (installs Bandit into .bench-venv on first use)
 * The files are the first N MB (sorted by path) of the installed pandas and matplotlib sources. Each contender
 * runs in a process of its own, as Bandit does: a fresh heap, and no code the JIT compiled for another's work.
 */
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { TreeSitterAnalyzer } from "../src/index.js"
import Parser from "tree-sitter"
import Python from "tree-sitter-python"

const BANDIT = "bandit==1.9.4"
const root = path.resolve(import.meta.dirname, "../../..")

const time = (f: () => void) => {
  const start = performance.now()
  f()
  return performance.now() - start
}
const best = (runs: number, f: () => void) => Math.min(...Array.from({ length: runs }, () => time(f)))

const snippet = () => fs.readFileSync(path.join(root, "examples/beam_current.py"), "utf8").split("\n").slice(0, 50).join("\n")
/** p50 and p99 of one snippet's analysis, in ms, after a warm-up. */
const percentiles = (code: string) => {
  for (let i = 0; i < 500; i++) TreeSitterAnalyzer.analyze(code)
  const samples = Array.from({ length: 5000 }, () => time(() => TreeSitterAnalyzer.analyze(code))).sort((a, b) => a - b)
  return [50, 99].map((p) => samples[Math.floor((p / 100) * samples.length)]!)
}

/** In a child process: one contender over the files in `corpus`; prints its figures as JSON. */
const measure = (task: string, corpus: string) => {
  const sources = fs
    .readdirSync(corpus)
    .filter((name) => name.endsWith(".py"))
    .map((name) => fs.readFileSync(path.join(corpus, name), "utf8"))
  if (task === "snippet") return { snippet: percentiles(snippet()) }
  if (task === "gate") {
    // EPICS code, where the whole model runs: the analyzer's own corpora, against a bare parse of the same files
    const gate = ["reads", "writes"].flatMap((d) => {
      const dir = path.join(import.meta.dirname, "../test/gate", d)
      return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    })
    const parser = new Parser()
    parser.setLanguage(Python as unknown as Parser.Language)
    const parse = best(5, () => {
      for (const s of gate) parser.parse(s)
    })
    const ms = best(5, () => {
      for (const s of gate) TreeSitterAnalyzer.analyze(s)
    })
    const each = gate.flatMap((s) => Array.from({ length: 20 }, () => time(() => TreeSitterAnalyzer.analyze(s)))).sort((a, b) => a - b)
    return { ms, parse, files: gate.length, snippet: [50, 99].map((p) => each[Math.floor((p / 100) * each.length)]!) }
  }
  if (task === "parse") {
    const parser = new Parser()
    parser.setLanguage(Python as unknown as Parser.Language)
    return {
      ms: best(5, () => {
        for (const s of sources) parser.parse(s)
      })
    }
  }
  const ms = best(5, () => {
    for (const s of sources) TreeSitterAnalyzer.analyze(s)
  })
  // the snippet again, now with the heap the bulk run left (larger, so GC pauses are longer)
  return { ms, snippet: percentiles(snippet()) }
}

const [mode, task, dir] = process.argv.slice(2)
if (mode === "--measure") {
  console.log(JSON.stringify(measure(task!, dir!)))
  process.exit(0)
}

const budgetMb = Number(process.argv[process.argv.indexOf("--mb") + 1] ?? 4) || 4
const python = fs.existsSync(path.join(root, ".venv/bin/python")) ? path.join(root, ".venv/bin/python") : "python3"
const site = (pkg: string) => execFileSync(python, ["-c", `import ${pkg}, os; print(os.path.dirname(${pkg}.__file__))`], { encoding: "utf8" }).trim()

const walk = (dir: string): Array<string> =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".py") ? [path.join(dir, e.name)] : []))

// The same files for every contender, copied into one folder.
const corpus = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-bench-"))
let files = 0
let bytes = 0
for (const file of [...walk(site("pandas")), ...walk(site("matplotlib"))]) {
  if (bytes >= budgetMb * 1024 * 1024) break
  const source = fs.readFileSync(file, "utf8")
  fs.writeFileSync(path.join(corpus, `${files++}.py`), source)
  bytes += Buffer.byteLength(source)
}
const mb = bytes / 1024 / 1024

const inChild = (task: string): { ms: number; snippet: Array<number>; parse?: number; files?: number } =>
  JSON.parse(execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--measure", task, corpus], { encoding: "utf8" }))

const venv = path.join(root, ".bench-venv")
if (!fs.existsSync(path.join(venv, "bin/bandit"))) {
  console.error(`installing ${BANDIT} into .bench-venv`)
  execFileSync("python3", ["-m", "venv", venv])
  execFileSync(path.join(venv, "bin/pip"), ["install", "-q", BANDIT], { stdio: "inherit" })
}
const bandit = () =>
  time(() => {
    try {
      execFileSync(path.join(venv, "bin/bandit"), ["-q", "-r", "-f", "json", "-o", path.join(os.tmpdir(), "pyexec-bench-bandit.json"), corpus], { stdio: "ignore" })
    } catch {
      // bandit exits 1 when it finds issues
    }
  })

// The contenders take turns, round after round: a machine whose speed drifts (a shared VM does) slows each alike.
const snippetAlone = inChild("snippet").snippet
const rounds = Array.from({ length: Number(process.argv[process.argv.indexOf("--rounds") + 1] ?? 3) || 3 }, () => {
  const parse = inChild("parse").ms
  const pyexec = inChild("analyze")
  return { parse, pyexec: pyexec.ms, snippet: pyexec.snippet, bandit: bandit() }
})
const least = (key: "parse" | "pyexec" | "bandit") => Math.min(...rounds.map((r) => r[key]))
const parseMs = least("parse")
const pyexecMs = least("pyexec")
const banditMs = least("bandit")

const perMb = (ms: number) => `${(ms / mb).toFixed(1)} ms/MB`
const micros = ([p50, p99]: Array<number>) => `p50 ${(p50! * 1000).toFixed(0)} µs, p99 ${(p99! * 1000).toFixed(0)} µs`
console.log(`files: ${files} Python files, ${mb.toFixed(2)} MB (pandas + matplotlib sources)`)
console.log(`tree-sitter parse only: ${parseMs.toFixed(0)} ms  (${perMb(parseMs)})`)
console.log(`pyexec analyze:         ${pyexecMs.toFixed(0)} ms  (${perMb(pyexecMs)})  = ${(pyexecMs / parseMs).toFixed(2)}x the bare parse (goal <= 2x)`)
console.log(`bandit ${BANDIT.split("==")[1]}:          ${banditMs.toFixed(0)} ms  (${perMb(banditMs)})`)
console.log(`pyexec is ${(banditMs / pyexecMs).toFixed(1)}x faster than Bandit (goal >= 10x); round by round: ${rounds.map((r) => `${(r.bandit / r.pyexec).toFixed(1)}x`).join(", ")}`)
console.log(`50-line snippet, warm: ${micros(snippetAlone)} (goal < 2 ms); after the bulk run: ${micros(rounds[0]!.snippet)}`)
const gate = inChild("gate")
console.log(
  `EPICS code (test/gate, ${gate.files} files, the whole model): analyze ${gate.ms.toFixed(0)} ms = ${(gate.ms / gate.parse!).toFixed(2)}x the bare parse; per file ${micros(gate.snippet)}`
)
fs.rmSync(corpus, { recursive: true, force: true })
