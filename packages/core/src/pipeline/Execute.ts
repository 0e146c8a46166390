import { Effect, Metric, Option, Schedule } from "effect"
import type { Attempt, AttemptError } from "../Attempt.js"
import type { ExecutorUnavailable } from "../Errors.js"
import type { ExecutionResult } from "../ExecutionResult.js"
import * as Metrics from "../Metrics.js"
import * as WriteLedger from "../WriteLedger.js"
import { currentAttempt, type Run } from "../Run.js"
import type { AfterCodeError } from "./Attempts.js"
import * as Cancel from "./Cancel.js"
import { inputFilesOf, jobOf, timeoutOf } from "./Jobs.js"
import * as LiveOutput from "./LiveOutput.js"
import type { Kernel } from "./Kernel.js"
import type { Transitions } from "./Transitions.js"

/** What the code did wrong, if anything: a result is the code's answer even when it failed. */
export const codeErrorOf = (result: ExecutionResult, timeoutMs: number): AttemptError | undefined => {
  if (result.timedOut) return { kind: "timeout", message: `the code ran longer than ${timeoutMs / 1000} s and was stopped` }
  if (result.error?.type === "ChannelLimitViolation") return { kind: "limit", message: result.error.message }
  if (result.error?.type === "CodeNotApproved") return { kind: "integrity", message: result.error.message }
  const failedWrites = WriteLedger.failed(result.writes ?? [])
  if (failedWrites.length > 0) {
    const list = failedWrites.map(WriteLedger.describe).join("; ")
    return { kind: "write", message: `${failedWrites.length} of ${result.writes!.length} writes did not hold: ${list}` }
  }
  if (result.error) return { kind: "runtime", message: `${result.error.type}: ${result.error.message}`, traceback: result.error.traceback }
  if (result.exitCode !== 0) return { kind: "runtime", message: `the code exited with status ${result.exitCode}`, traceback: result.stderr.slice(-4000) }
  if (!result.resultsPresent) return { kind: "missing-results", message: "the code finished but left no `results` dict: store the answer in a dict named `results`" }
  return undefined
}

const planned = (attempt: Attempt) => {
  const plan = WriteLedger.planOf(attempt.preview)
  return plan === undefined ? {} : { plan }
}

/** Runs the code of a run this process has just moved to `executing`. Called once per claim. */
export const make = (kernel: Kernel, transitions: Transitions, afterCodeError: AfterCodeError) => {
  const { executor, config } = kernel
  const { commit, finish, noteAttempt, withAttempt } = transitions
  const cancel = Cancel.make(kernel, transitions)
  /** Stopped while the code ran: cancelled when someone asked; else (Ctrl-C, shutdown) said so, and never re-run by itself. */
  const interrupted = (run: Run) =>
    Effect.flatMap(kernel.store.cancelRequest(run.id), (request) =>
      Option.isSome(request)
        ? cancel.end(run, request.value)
        : commit(
            run,
            { status: "interrupted", outcome: { reason: "interrupted", message: "pyexec was stopped while the code ran; the run is not started again automatically" } },
            "interrupted while executing"
          )
    ).pipe(Effect.ignore)

  /** The run's time and refused writes, in the process's metrics. */
  const counted = (result: ExecutionResult, executorKind: string, profile: string) =>
    Effect.zipRight(
      Metric.update(Metric.tagged(Metric.tagged(Metrics.executionDuration, "executor", executorKind), "profile", profile), result.durationMs / 1000),
      Metric.incrementBy(Metrics.refusedWrites, (result.writes ?? []).filter((w) => w.state === "refused").length)
    )

  return (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)!
      const timeoutMs = timeoutOf(config, run)
      if (attempt.executor !== undefined && attempt.executor !== executor.kind) {
        // a process with another executor took the run over (processes on one store should share one executor)
        const message = `the code was reviewed to run on the ${attempt.executor} executor, and this process runs ${executor.kind}: it was not run`
        return yield* afterCodeError(run, attempt, { kind: "integrity", message })
      }
      const inputFiles = yield* inputFilesOf(kernel.store, run)
      if (inputFiles._tag === "Left") return yield* afterCodeError(run, attempt, { kind: "integrity", message: inputFiles.left })
      // what the code prints, while it runs: stored for the event stream of any process, and told to the observer
      const live = yield* LiveOutput.start(kernel, run, attempt.number, "run")
      const outcome = yield* executor
        // an approved run is held to the writes of its approved preview, when it had one that ran through
        .execute({ ...jobOf(config, run, attempt), ...planned(attempt), inputFiles: inputFiles.right, onOutput: live.offer })
        .pipe(
          Effect.retry({
            while: (e: ExecutorUnavailable) => !e.codeMayHaveRun,
            times: config.infraRetries,
            schedule: Schedule.exponential(config.infraRetryDelayMs)
          }),
          Effect.either,
          // what the code printed up to the stop is stored before the run's end is
          Effect.onInterrupt(() => Effect.zipRight(live.close, interrupted(run)))
        )
      // the last batch is stored before the attempt's end is: nothing of it is written after
      yield* live.close
      if (outcome._tag === "Left") {
        const e = outcome.left
        const noted = yield* noteAttempt(run, { ...attempt, error: { kind: "infrastructure", message: e.message } })
        const message = `${executor.kind} executor failed: ${e.message}${e.codeMayHaveRun ? " (the code may have started, so it is not run again)" : ""}`
        return yield* finish(run, "failed", { attempts: withAttempt(run, noted), outcome: { reason: "infrastructure", message } }, "executor failed")
      }
      yield* counted(outcome.right, executor.kind, jobOf(config, run, attempt).profile)
      const ran: Attempt = { ...attempt, result: outcome.right }
      const error = codeErrorOf(outcome.right, timeoutMs)
      if (error) return yield* afterCodeError(run, ran, error)
      const noted = yield* noteAttempt(run, ran)
      return yield* finish(run, "succeeded", { attempts: withAttempt(run, noted) }, `attempt ${attempt.number}: succeeded`)
    })
}
