import * as fs from "node:fs"
import { Context, Effect, Layer } from "effect"
import { ExecutorUnavailable } from "../Errors.js"
import type { ExecutionResult } from "../ExecutionResult.js"
import { type ExecutionJob, Executor, type ReadOnlyBoundary } from "../Executor.js"
import { sha256 } from "../internal/sha256.js"

export interface FakeExecutorOptions {
  readonly kind?: Executor["Type"]["kind"]
  /** Default: enforced, as on a host with the sandbox, so read-only code runs without approval. */
  readonly boundary?: ReadOnlyBoundary
  /** What running a job gives; default: `succeeded({ ok: true })`, as for code that set `results = {"ok": True}`. */
  readonly run?: (job: ExecutionJob) => Effect.Effect<ExecutionResult, ExecutorUnavailable> | ExecutionResult
}

/** The fake as a test sees it: an Executor that remembers every job it was given. */
export class FakeExecutor extends Context.Tag("@pyexec/core/testing/FakeExecutor")<
  FakeExecutor,
  Executor["Type"] & { readonly jobs: () => ReadonlyArray<ExecutionJob> }
>() {}

/** The code ran and set `results`. */
export const succeeded = (results: unknown, extra: Partial<ExecutionResult> = {}): ExecutionResult => ({
  exitCode: 0,
  stdout: "",
  stderr: "",
  stdoutTruncated: false,
  stderrTruncated: false,
  results,
  resultsPresent: true,
  figures: [],
  durationMs: 1,
  timedOut: false,
  error: null,
  ...extra
})

/** The code raised: the runner records the exception in its manifest and exits with 1. */
export const raised = (type: string, message: string, traceback = `Traceback (most recent call last):\n  File "code.py", line 1, in <module>\n${type}: ${message}`) =>
  succeeded(null, { exitCode: 1, resultsPresent: false, error: { type, message, traceback } })

/** The time limit stopped the code, as the executors report it. */
export const timedOut = (durationMs = 1_000) =>
  succeeded(null, {
    exitCode: 137,
    resultsPresent: false,
    durationMs,
    timedOut: true,
    error: { type: "Timeout", message: `stopped after ${durationMs} ms: the time limit was reached`, traceback: "" }
  })

/** The executor itself failed; `codeMayHaveRun` decides whether the pipeline tries again. */
export const unavailable = (reason: ExecutorUnavailable["reason"], codeMayHaveRun: boolean, message = `the fake executor is ${reason}`) =>
  Effect.fail(new ExecutorUnavailable({ reason, message, codeMayHaveRun }))

export const make = (options: FakeExecutorOptions = {}): FakeExecutor["Type"] => {
  const jobs: Array<ExecutionJob> = []
  const run = options.run ?? (() => succeeded({ ok: true }))
  return FakeExecutor.of({
    kind: options.kind ?? "local",
    readOnlyBoundary: options.boundary ?? { _tag: "enforced", detail: "the fake executor runs no code" },
    jobs: () => [...jobs],
    execute: (job) =>
      Effect.gen(function* () {
        // the live hook is a function: it is not part of what the job says
        const { onOutput: _hook, ...described } = job
        jobs.push(structuredClone(described))
        // the real executors write the code and the manifest there; the pipeline's notebook goes next to them
        yield* Effect.try({
          try: () => fs.mkdirSync(job.workDir, { recursive: true }),
          catch: (cause) =>
            new ExecutorUnavailable({ reason: "misconfigured", message: `cannot prepare the execution folder ${job.workDir}: ${String(cause)}`, codeMayHaveRun: false, cause })
        })
        // as the runner does: code that is not the code the job names is not run
        if (sha256(job.code) !== job.codeSha256) {
          return raised("CodeNotApproved", `the code to run has SHA-256 ${sha256(job.code)}, not the approved ${job.codeSha256}: it was not run`, "")
        }
        const answer = run(job)
        return Effect.isEffect(answer) ? yield* answer : answer
      })
  })
}

/** Provides the fake both as the Executor and as FakeExecutor (for `jobs()`); a fresh one per build. */
export const layer = (options: FakeExecutorOptions = {}): Layer.Layer<Executor | FakeExecutor> =>
  Layer.effectContext(
    Effect.sync(() => {
      const fake = make(options)
      return Context.make(Executor, fake).pipe(Context.add(FakeExecutor, fake))
    })
  )
