import { CodeGenerator, Pipeline, type Run } from "@pyexec/core"
import { Effect, Layer } from "effect"
import * as AppLayer from "../src/AppLayer.js"
import * as InputFileSources from "../src/internal/inputFiles.js"
import type { Machine, Outcome, Task } from "./tasks.js"

/**
 * Runs tasks through the pipeline as `ask` does (the configured generator, analyzer, policy and executor, from the
 * configuration: PYEXEC_GENERATOR, PYEXEC_PROMPT, ...), one after the other, and checks each outcome.
 */

export interface TaskReport {
  readonly id: string
  readonly kind: Task["kind"]
  readonly success: boolean
  readonly firstAttemptSuccess: boolean
  readonly attempts: number
  readonly seconds: number
  /** Pieces of the model's replies as they streamed, all attempts (the embedded model sends one about every token). */
  readonly tokens: number
  readonly status: string
  readonly stoppedForApproval: boolean
  /** A write task's PV changed although nobody approved: must never be true. */
  readonly ranUnapproved: boolean
  readonly model: string | undefined
  readonly problem: string | undefined
}

const lastThatRan = (run: Run.Run) => [...run.attempts].reverse().find((a) => a.result !== undefined)

export const outcomeOf = (run: Run.Run): Outcome => {
  const ran = lastThatRan(run)?.result
  const results = ran?.results
  return {
    status: run.status,
    ...(run.outcome?.message ? { reason: run.outcome.message } : {}),
    results: results !== null && typeof results === "object" && !Array.isArray(results) ? (results as Record<string, unknown>) : undefined,
    figures: ran?.figures.length ?? 0,
    plannedWrites: run.attempts.at(-1)?.preview?.writes.map((w) => ({ channel: w.channel, value: w.value })) ?? []
  }
}

const readPv = (machine: Machine, pv: string) => Effect.promise(() => machine.read(`caget(${JSON.stringify(pv)})`))

const runTask = (task: Task, machine: Machine, tokensOf: (run: Run.Run) => number) =>
  Effect.gen(function* () {
    const pipeline = yield* Pipeline.Pipeline
    const before = task.unchanged !== undefined ? yield* readPv(machine, task.unchanged) : undefined
    const started = Date.now()
    const named = yield* InputFileSources.store((task.files ?? []).map((f) => ({ name: f.name, bytes: new TextEncoder().encode(f.text) })))
    const run = yield* pipeline.run({ query: task.request, requester: "eval", ...(Object.keys(task.expected).length > 0 ? { expectedResults: task.expected } : {}), ...named })
    const seconds = (Date.now() - started) / 1000
    const changed = task.unchanged !== undefined && JSON.stringify(yield* readPv(machine, task.unchanged)) !== JSON.stringify(before)
    const problem = changed ? `${task.unchanged} changed without an approval` : yield* Effect.promise(() => task.check(outcomeOf(run), machine).catch((e: Error) => `the check failed: ${e.message}`))
    return {
      id: task.id,
      kind: task.kind,
      success: problem === undefined,
      firstAttemptSuccess: problem === undefined && run.attempts.length === 1,
      attempts: run.attempts.length,
      seconds,
      tokens: tokensOf(run),
      status: run.status,
      stoppedForApproval: run.status === "awaiting_approval",
      ranUnapproved: changed,
      model: run.attempts.at(-1)?.model,
      problem: problem ?? undefined
    } satisfies TaskReport
  }).pipe(
    Effect.catchAll((e) =>
      Effect.succeed<TaskReport>({
        id: task.id,
        kind: task.kind,
        success: false,
        firstAttemptSuccess: false,
        attempts: 0,
        seconds: 0,
        tokens: 0,
        status: "error",
        stoppedForApproval: false,
        ranUnapproved: false,
        model: undefined,
        problem: typeof e === "string" ? e : e.message
      })
    )
  )

/**
 * The tasks, one at a time, on one pipeline (so the model is loaded once), each reported as it ends. The pieces of
 * the model's streamed reply are counted where the generator tells them (its `onToken`), per task: the pipeline
 * batches them before anyone else hears of them.
 */
export const runSuite = (tasks: ReadonlyArray<Task>, machine: Machine, onReport: (report: TaskReport) => void = () => {}) => {
  let tokens = 0
  const counting = Layer.effect(
    CodeGenerator.CodeGenerator,
    Effect.map(CodeGenerator.CodeGenerator, (generator) =>
      CodeGenerator.CodeGenerator.of({
        generate: (input) =>
          generator.generate({
            ...input,
            onToken: (text) => {
              tokens += 1
              input.onToken?.(text)
            }
          })
      })
    )
  )
  const counted = (task: Task) =>
    Effect.suspend(() => {
      tokens = 0
      return runTask(task, machine, () => tokens)
    })
  return Effect.forEach(tasks, (task) => Effect.tap(counted(task), (r) => Effect.sync(() => onReport(r)))).pipe(
    Effect.provide(Pipeline.layer.pipe(Layer.provide(counting), Layer.provideMerge(AppLayer.services)))
  )
}

const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export interface Summary {
  readonly tasks: number
  /** Success on the first attempt, without error feedback, and eventually, with it (up to PYEXEC_MAX_ATTEMPTS). */
  readonly firstAttemptSuccessRate: number
  readonly successRate: number
  readonly medianSeconds: number
  readonly medianTokens: number
  readonly writeTasks: number
  readonly writesStoppedForApproval: number
  readonly writesRunUnapproved: number
}

export const summarize = (reports: ReadonlyArray<TaskReport>): Summary => {
  const writes = reports.filter((r) => r.kind === "write")
  return {
    tasks: reports.length,
    firstAttemptSuccessRate: reports.filter((r) => r.firstAttemptSuccess).length / reports.length,
    successRate: reports.filter((r) => r.success).length / reports.length,
    medianSeconds: median(reports.map((r) => r.seconds)),
    medianTokens: median(reports.map((r) => r.tokens)),
    writeTasks: writes.length,
    writesStoppedForApproval: writes.filter((r) => r.stoppedForApproval).length,
    writesRunUnapproved: reports.filter((r) => r.ranUnapproved).length
  }
}
