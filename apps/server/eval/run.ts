/**
 * pnpm eval:model [--variant controlroom,plain] [--tasks ID,...] [--report FILE]
 *
 * Runs the control-room tasks (tasks.ts) through the pipeline with a real model, once per prompt variant
 * (PYEXEC_PROMPT), against the control room's soft IOC (scripts/controlroom start), and prints per task whether
 * it succeeded, its attempts, time and streamed tokens, then each variant's success on the first attempt and
 * eventually, and the median time per task. The model is the configured one: PYEXEC_GENERATOR (default here:
 * embedded, the model scripts/model fetches), on PYEXEC_MODEL_THREADS=1 and at PYEXEC_MODEL_TEMPERATURE=0 unless
 * set. The runs go to a fresh PYEXEC_HOME; the JSON report to --report (default test-output/eval/model.json).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { parseArgs } from "node:util"
import { PipelineConfig } from "@pyexec/core"
import { Effect } from "effect"
import { runSuite, summarize, type TaskReport } from "./harness.js"
import { controlRoom } from "./machine.js"
import { tasks } from "./tasks.js"

const repoRoot = path.resolve(import.meta.dirname, "../../..")
const { values } = parseArgs({
  options: {
    variant: { type: "string", default: "controlroom,plain" },
    tasks: { type: "string" },
    report: { type: "string", default: path.join(repoRoot, "test-output/eval/model.json") }
  }
})

const variants = values.variant.split(",").map((v) => v.trim())
for (const v of variants) if (!(PipelineConfig.promptStyles as ReadonlyArray<string>).includes(v)) throw new Error(`--variant ${v}: one of ${PipelineConfig.promptStyles.join(", ")}`)
const chosen = values.tasks ? tasks.filter((t) => values.tasks!.split(",").includes(t.id)) : tasks

const machine = controlRoom(repoRoot)
const defaults = { PYEXEC_GENERATOR: "embedded", PYEXEC_MODEL_THREADS: "1", PYEXEC_MODEL_TEMPERATURE: "0", PYEXEC_EXECUTOR: "local" }
for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value
// the runs read the control room through the read-only gateway, whose upstream is this process's EPICS settings
Object.assign(process.env, machine.epics, { PYEXEC_HOME: fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-eval-")), PYEXEC_USER: "eval" })

const percent = (x: number) => `${(100 * x).toFixed(0)}%`
const line = (r: TaskReport) =>
  `${r.success ? "ok  " : "FAIL"} ${r.id.padEnd(22)} ${r.kind.padEnd(5)} attempts ${r.attempts}  ${r.seconds.toFixed(1).padStart(6)} s  ${String(r.tokens).padStart(5)} tokens  ${r.status}${r.problem ? `  (${r.problem})` : ""}`

const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^PYEXEC_(GENERATOR|MODEL|MAX_ATTEMPTS|OPENAI_BASE_URL|SITE_NOTES)/.test(k) || k === "OLLAMA_HOST"))
const results: Array<{ readonly variant: string; readonly summary: ReturnType<typeof summarize>; readonly tasks: ReadonlyArray<TaskReport> }> = []
/** Written after every task: a suite stopped half-way keeps what it measured. */
const writeReport = () => {
  fs.mkdirSync(path.dirname(values.report), { recursive: true })
  const model = results.flatMap((r) => r.tasks).find((t) => t.model)?.model
  fs.writeFileSync(values.report, `${JSON.stringify({ at: new Date().toISOString(), model, settings, variants: results }, null, 2)}\n`)
}

for (const variant of variants) {
  process.env.PYEXEC_PROMPT = variant
  console.log(`\n== prompt ${variant}: ${chosen.length} tasks, generator ${process.env.PYEXEC_GENERATOR}`)
  const reports: Array<TaskReport> = []
  results.push({ variant, summary: summarize(reports), tasks: reports })
  await Effect.runPromise(
    runSuite(chosen, machine, (r) => {
      reports.push(r)
      results[results.length - 1] = { variant, summary: summarize(reports), tasks: reports }
      writeReport()
      console.log(line(r))
    })
  )
  const summary = summarize(reports)
  console.log(
    `prompt ${variant}: first attempt ${percent(summary.firstAttemptSuccessRate)}, with retries ${percent(summary.successRate)}, median ${summary.medianSeconds.toFixed(1)} s and ${summary.medianTokens} tokens a task; writes stopped for approval ${summary.writesStoppedForApproval}/${summary.writeTasks}, run unapproved ${summary.writesRunUnapproved}`
  )
}

console.log(`\nreport: ${values.report}`)
if (results.length > 1) {
  const best = [...results].sort((a, b) => b.summary.successRate - a.summary.successRate || b.summary.firstAttemptSuccessRate - a.summary.firstAttemptSuccessRate)[0]!
  console.log(`best prompt: ${best.variant}`)
}
