import { randomUUID } from "node:crypto"
import * as path from "node:path"
import { Effect, Option, Schedule } from "effect"
import { Analyzer } from "./Analyzer.js"
import type { ApprovalDecision } from "./Approval.js"
import * as ApprovalRules from "./ApprovalRules.js"
import type { Attempt, AttemptError } from "./Attempt.js"
import { type AttemptFeedback, CodeGenerator } from "./CodeGenerator.js"
import {
  AnalysisBlocked,
  ApprovalRefused,
  ApprovalRejected,
  ExecutionFailed,
  type ExecutorUnavailable,
  GenerationFailed,
  type NotebookError,
  type RunNotFound,
  type StaleRun,
  type StoreError
} from "./Errors.js"
import type { ExecutionRequest } from "./ExecutionRequest.js"
import type { ExecutionResult } from "./ExecutionResult.js"
import { Executor } from "./Executor.js"
import type { Identity } from "./Identity.js"
import { whileHeld } from "./internal/claims.js"
import { sha256 } from "./internal/sha256.js"
import { cutMiddle } from "./internal/traceback.js"
import { NotebookWriter } from "./NotebookWriter.js"
import { effectiveMode, Policy } from "./Policy.js"
import type { PolicyVerdict } from "./PolicyVerdict.js"
import { PipelineConfig } from "./PipelineConfig.js"
import { currentAttempt, type Run, type RunOutcome } from "./Run.js"
import { RunObserver } from "./RunObserver.js"
import { isTerminal, type RunStatus } from "./RunStatus.js"
import { type Claim, RunStore } from "./RunStore.js"
import * as WorkerConfig from "./WorkerConfig.js"
import { WorkSignal } from "./WorkSignal.js"

/** How a run can end without success: the pipeline's story, in its error channel. */
export type RunError = GenerationFailed | AnalysisBlocked | ApprovalRejected | ExecutionFailed

/** What can stop the pipeline itself (not the run): the store or the notebook folder. */
export type PipelineError = StoreError | StaleRun | NotebookError

const now = () => new Date().toISOString()

const codeErrorOf = (result: ExecutionResult, timeoutMs: number): AttemptError | undefined => {
  if (result.timedOut) {
    return { kind: "timeout", message: `the code ran longer than ${timeoutMs / 1000} s and was stopped` }
  }
  if (result.error?.type === "ChannelLimitViolation") {
    return { kind: "limit", message: result.error.message }
  }
  if (result.error) {
    return { kind: "runtime", message: `${result.error.type}: ${result.error.message}`, traceback: result.error.traceback }
  }
  if (result.exitCode !== 0) {
    return { kind: "runtime", message: `the code exited with status ${result.exitCode}`, traceback: result.stderr.slice(-4000) }
  }
  if (!result.resultsPresent) {
    return {
      kind: "missing-results",
      message: "the code finished but left no `results` dict: store the answer in a dict named `results`"
    }
  }
  return undefined
}

export const make = Effect.gen(function* () {
  const store = yield* RunStore
  const generator = yield* CodeGenerator
  const analyzer = yield* Analyzer
  const policy = yield* Policy
  const executor = yield* Executor
  const notebooks = yield* NotebookWriter
  const config = yield* PipelineConfig
  const observer = yield* Effect.serviceOption(RunObserver)
  const rules = Option.getOrElse(yield* Effect.serviceOption(ApprovalRules.ApprovalRules), () =>
    ApprovalRules.make({ approvers: [], fourEyes: false })
  )
  const workerSettings = yield* Effect.serviceOption(WorkerConfig.WorkerConfig)
  const claim: Claim = Option.match(workerSettings, {
    onNone: () => ({ worker: WorkerConfig.workerName(), leaseMs: WorkerConfig.defaults.leaseMs }),
    onSome: (s) => ({ worker: s.worker, leaseMs: s.leaseMs })
  })
  const signal = yield* Effect.serviceOption(WorkSignal)
  const notify = Option.match(signal, { onNone: () => Effect.void, onSome: (s) => s.notify })

  const commit = (run: Run, change: Partial<Run>, event: string, approval?: ApprovalDecision, actor?: string) =>
    store
      .commit({
        next: { ...run, ...change, updatedAt: now(), version: run.version + 1 },
        expectedVersion: run.version,
        event,
        ...(approval ? { approval, actor: approval.decidedBy } : {}),
        ...(actor ? { actor } : {})
      })
      .pipe(
        Effect.tap((next) =>
          Option.match(observer, { onNone: () => Effect.void, onSome: (o) => o.onTransition(next, event) })
        )
      )

  const withAttempt = (run: Run, attempt: Attempt): ReadonlyArray<Attempt> =>
    run.attempts.map((a) => (a.number === attempt.number ? attempt : a))

  /** Writes the attempt's notebook from the state about to be stored and returns that state with its path. */
  const noteAttempt = (run: Run, attempt: Attempt) =>
    Effect.gen(function* () {
      const draft = { ...run, attempts: withAttempt(run, attempt) }
      const notebookPath = yield* notebooks.writeAttempt(draft, attempt.number)
      return { ...attempt, notebookPath }
    })

  /** Ends a run: final notebook, outcome, one transition. */
  const finish = (run: Run, status: RunStatus, change: Partial<Run>, event: string, approval?: ApprovalDecision) =>
    Effect.gen(function* () {
      const draft: Run = { ...run, ...change, status }
      const notebookPath = yield* notebooks.writeFinal(draft)
      return yield* commit(run, { ...change, status, notebookPath }, event, approval)
    })

  const canRegenerate = (run: Run) => run.request.code === undefined && run.attempts.length < maxAttemptsOf(run)
  const maxAttemptsOf = (run: Run) => run.request.maxAttempts ?? config.maxAttempts
  const timeoutOf = (run: Run) =>
    run.request.timeoutSeconds !== undefined ? Math.round(run.request.timeoutSeconds * 1000) : config.timeoutMs

  const feedbackOf = (run: Run): ReadonlyArray<AttemptFeedback> =>
    run.attempts.flatMap((a) =>
      a.error
        ? [
            {
              attempt: a.number,
              kind: a.error.kind,
              message: a.error.message,
              code: a.code,
              ...(a.error.traceback ? { traceback: cutMiddle(a.error.traceback) } : {})
            }
          ]
        : []
    )

  /** After a code error: back to the generator while attempts remain, else the run fails. */
  const afterCodeError = (run: Run, attempt: Attempt, error: AttemptError) =>
    Effect.gen(function* () {
      const failed = { ...attempt, error }
      const noted = yield* noteAttempt(run, failed)
      const attempts = withAttempt(run, noted)
      // a broken channel limit is final: other code would need a new approval anyway
      if (error.kind !== "limit" && canRegenerate({ ...run, attempts })) {
        return yield* commit(run, { status: "generating", attempts }, `attempt ${attempt.number}: ${error.kind} error, regenerating`)
      }
      const exhausted = run.request.code === undefined
      const outcome: RunOutcome = {
        reason: error.kind === "timeout" ? "timeout" : error.kind === "limit" ? "channel-limit" : "code-error",
        message: exhausted && error.kind !== "limit"
          ? `${error.message} (attempt ${attempt.number} of ${maxAttemptsOf(run)}; no attempts left)`
          : error.message
      }
      return yield* finish(run, "failed", { attempts, outcome }, `attempt ${attempt.number}: ${error.kind} error, run failed`)
    })

  const produceCode = (run: Run) =>
    Effect.gen(function* () {
      const number = run.attempts.length + 1
      const given = run.request.code
      let code: string
      let model: string | undefined
      let current = run
      if (given !== undefined) {
        code = given
      } else {
        if (run.status !== "generating") {
          current = yield* commit(run, { status: "generating" }, `generating attempt ${number}`)
        }
        const generated = yield* generator
          .generate({ request: run.request, attempt: number, feedback: feedbackOf(run) })
          .pipe(
            Effect.catchAll((e) =>
              finish(current, "failed", { outcome: { reason: `generation-${e.reason}`, message: e.message } }, "generation failed").pipe(
                Effect.zipRight(Effect.fail(new GenerationFailed({ reason: e.reason, message: e.message, runId: run.id })))
              )
            )
          )
        code = generated.code
        model = generated.model
      }
      const attempt: Attempt = {
        number,
        source: given !== undefined ? "request" : "generated",
        code,
        codeSha256: sha256(code),
        createdAt: now(),
        ...(model !== undefined ? { model } : {})
      }
      return yield* commit(current, { status: "analyzing", attempts: [...current.attempts, attempt] }, `attempt ${number}: code ready`)
    })

  /** Where the executor cannot hold a run to reading, what would run unapproved waits for a person instead. */
  const withoutBoundary = (verdict: PolicyVerdict): PolicyVerdict =>
    verdict.decision === "execute" && executor.readOnlyBoundary._tag === "missing"
      ? {
          ...verdict,
          decision: "needs-approval",
          reasons: [`the ${executor.kind} executor has no read-only boundary here (${executor.readOnlyBoundary.reason}): every run needs approval`, ...verdict.reasons]
        }
      : verdict

  const analyze = (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)!
      const report = yield* analyzer.analyze(attempt.code)
      const verdict = withoutBoundary(policy.decide(report, effectiveMode(config.policyMode, run.request.policyMode)))
      const analyzed: Attempt = { ...attempt, analysis: report, verdict }
      switch (verdict.decision) {
        case "retry": {
          const kind = report.parsed && !report.findings.some((f) => f.category === "syntax") ? "policy" : "syntax"
          return yield* afterCodeError(run, analyzed, { kind, message: verdict.reasons.join("; ") })
        }
        case "block": {
          const noted = yield* noteAttempt(run, analyzed)
          const message = `blocked by policy: ${verdict.reasons.join("; ")}`
          return yield* finish(run, "blocked", { attempts: withAttempt(run, noted), outcome: { reason: "blocked", message } }, "blocked by policy")
        }
        case "needs-approval": {
          const noted = yield* noteAttempt(run, analyzed)
          return yield* commit(run, { status: "awaiting_approval", attempts: withAttempt(run, noted) }, `attempt ${attempt.number}: awaiting approval`)
        }
        case "execute":
          return yield* commit(run, { status: "executing", attempts: withAttempt(run, analyzed) }, `attempt ${attempt.number}: executing`)
      }
    })

  const workDirOf = (run: Run, attempt: Attempt) =>
    path.join(config.runsDir, run.id, `${run.request.executionFolderName ?? "attempt"}-${attempt.number}`)

  /** Runs the code of a run this process has just moved to `executing`. Called once per claim. */
  const execute = (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)!
      const timeoutMs = timeoutOf(run)
      const outcome = yield* executor
        .execute({
          runId: run.id,
          attempt: attempt.number,
          code: attempt.code,
          workDir: workDirOf(run, attempt),
          // an attempt without a verdict never runs unapproved; if it runs, it is not given the write profile
          profile: attempt.verdict?.profile ?? "read-only",
          timeoutMs
        })
        .pipe(
          Effect.retry({
            while: (e: ExecutorUnavailable) => !e.codeMayHaveRun,
            times: config.infraRetries,
            schedule: Schedule.exponential(config.infraRetryDelayMs)
          }),
          Effect.either,
          // Stopped while the code ran (Ctrl-C, shutdown): say so; such a run is never re-run by itself.
          Effect.onInterrupt(() =>
            commit(run, {
              status: "interrupted",
              outcome: {
                reason: "interrupted",
                message: "pyexec was stopped while the code ran; the run is not started again automatically"
              }
            }, "interrupted while executing").pipe(Effect.ignore)
          )
        )
      if (outcome._tag === "Left") {
        const e = outcome.left
        const error: AttemptError = { kind: "infrastructure", message: e.message }
        const noted = yield* noteAttempt(run, { ...attempt, error })
        const message = `${executor.kind} executor failed: ${e.message}${e.codeMayHaveRun ? " (the code may have started, so it is not run again)" : ""}`
        return yield* finish(
          run,
          "failed",
          { attempts: withAttempt(run, noted), outcome: { reason: "infrastructure", message } },
          "executor failed"
        )
      }
      const result = outcome.right
      const ran: Attempt = { ...attempt, result }
      const error = codeErrorOf(result, timeoutMs)
      if (error) return yield* afterCodeError(run, ran, error)
      const noted = yield* noteAttempt(run, ran)
      return yield* finish(run, "succeeded", { attempts: withAttempt(run, noted) }, `attempt ${attempt.number}: succeeded`)
    })

  /** Moves a run forward until it ends or waits for a person. */
  const drive = (run: Run): Effect.Effect<Run, RunError | PipelineError> =>
    Effect.suspend(() => {
      switch (run.status) {
        case "queued":
        case "generating":
          return Effect.flatMap(produceCode(run), drive)
        case "analyzing":
          return analyze(run).pipe(
            Effect.flatMap((next) => (next.status === "executing" ? execute(next) : Effect.succeed(next))),
            Effect.flatMap(drive)
          )
        case "approved":
          return commit(run, { status: "executing" }, `attempt ${run.attempts.length}: executing approved code`).pipe(
            Effect.flatMap(execute),
            Effect.flatMap(drive)
          )
        default:
          return isTerminal(run.status) ? failureOf(run) : Effect.succeed(run)
      }
    })

  /** A run that ended badly is reported in the error channel with what a caller needs to act. */
  const failureOf = (run: Run): Effect.Effect<Run, RunError> => {
    const message = run.outcome?.message ?? run.status
    const attempt = currentAttempt(run)
    switch (run.status) {
      case "succeeded":
        return Effect.succeed(run)
      case "blocked":
        return Effect.fail(new AnalysisBlocked({ runId: run.id, message, findings: attempt?.analysis?.findings ?? [] }))
      case "rejected":
        return Effect.fail(new ApprovalRejected({ runId: run.id, decidedBy: attempt?.approval?.decidedBy ?? "unknown", message }))
      default: {
        const reason = run.outcome?.reason ?? ""
        if (reason.startsWith("generation-")) {
          const kind = reason.slice("generation-".length) as GenerationFailed["reason"]
          return Effect.fail(new GenerationFailed({ reason: kind, message, runId: run.id }))
        }
        return Effect.fail(
          new ExecutionFailed({
            runId: run.id,
            reason: reason === "timeout" || reason === "infrastructure" ? reason : "code-error",
            message,
            ...(attempt?.error?.traceback ? { traceback: attempt.error.traceback } : {})
          })
        )
      }
    }
  }

  const create = (request: ExecutionRequest) => {
    const at = now()
    return store.create({ id: randomUUID(), status: "queued", request, attempts: [], createdAt: at, updatedAt: at, version: 0 })
  }

  /** A run that is moving (or may be picked up) as opposed to one that ended or waits for a person. */
  const moving = (run: Run) => ["queued", "generating", "analyzing", "approved", "executing"].includes(run.status)

  /** Waits until another process has driven the run to rest, then reports it as `drive` would. */
  const restingElsewhere = (runId: string) =>
    Effect.gen(function* () {
      let run = yield* store.get(runId)
      while (moving(run)) {
        yield* Effect.sleep("200 millis")
        run = yield* store.get(runId)
      }
      return yield* drive(run)
    })

  /** Drives a run while this process holds its claim; when another process holds it, waits for that one. */
  const driveHeld = (run: Run) =>
    store.claim(claim, { runId: run.id }).pipe(
      Effect.flatMap(
        Option.match({
          onNone: () => restingElsewhere(run.id),
          onSome: (held) => whileHeld(store, claim, held, drive)
        })
      )
    )

  const refuse = (run: Run, reason: ApprovalRefused["reason"], message: string, decider?: string) =>
    store
      .audit({
        runId: run.id,
        actor: decider ?? "pyexec",
        action: "refused",
        message,
        detail: { reason, status: run.status }
      })
      .pipe(Effect.zipRight(Effect.fail(new ApprovalRefused({ runId: run.id, reason, message }))))

  /** Ends a run that waited for approval longer than configured. */
  const expire = (run: Run) => {
    const hours = rules.settings.expiryHours ?? 0
    const message = `no decision within ${hours} h of the request for approval: the run expired and will not run`
    return finish(run, "expired", { outcome: { reason: "expired", message } }, "approval expired")
  }

  /** Applies a person's decision to a run that waits; anything else changes nothing, says why, and is audited. */
  const decide = (runId: string, decision: ApprovalDecision, decider: Identity) =>
    Effect.gen(function* () {
      const run = yield* store.get(runId)
      const attempt = currentAttempt(run)
      const who = decider.name
      if (run.status !== "awaiting_approval" || !attempt) {
        const previous = attempt?.approval
        return yield* previous
          ? refuse(
              run,
              "already-decided",
              `run ${run.id} was already ${previous.verdict} by ${previous.decidedBy} at ${previous.decidedAt}; it is ${run.status} and will not run again`,
              who
            )
          : refuse(run, "not-awaiting", `run ${run.id} is ${run.status}, not awaiting approval: nothing was changed`, who)
      }
      const refusal = rules.refusal(run, decider)
      if (refusal) return yield* refuse(run, refusal.reason, refusal.message, who)
      const expiresAt = rules.expiresAt(run.updatedAt)
      if (expiresAt !== undefined && expiresAt <= now()) {
        yield* expire(run).pipe(Effect.catchTag("StaleRun", () => Effect.void))
        return yield* refuse(run, "expired", `run ${run.id} waited for a decision until ${expiresAt} and has expired: ask again`, who)
      }
      if (decision.codeSha256 !== attempt.codeSha256) {
        return yield* refuse(
          run,
          "stale-code",
          `the decision names code ${decision.codeSha256.slice(0, 12)}… but run ${run.id} waits on code ${attempt.codeSha256.slice(0, 12)}…: review the current code and decide again`,
          who
        )
      }
      const decided: Attempt = { ...attempt, approval: { ...decision, decidedBy: who } }
      const apply =
        decision.verdict === "approved"
          ? commit(run, { status: "approved", attempts: withAttempt(run, decided) }, `approved by ${who}`, decided.approval)
          : noteAttempt(run, decided).pipe(
              Effect.flatMap((noted) =>
                finish(
                  run,
                  "rejected",
                  {
                    attempts: withAttempt(run, noted),
                    outcome: {
                      reason: "rejected",
                      message: `rejected by ${who}${decision.comment ? `: ${decision.comment}` : ""}`
                    }
                  },
                  `rejected by ${who}${decision.comment ? `: ${decision.comment}` : ""}`,
                  decided.approval
                )
              )
            )
      const next = yield* apply.pipe(
        Effect.catchTag("StaleRun", () =>
          refuse(run, "already-decided", `run ${run.id} was decided by someone else a moment ago: nothing was changed`, who)
        )
      )
      if (next.status === "approved") yield* notify
      return next
    })

  /**
   * A run left `executing` by a process that died: the code may have run, so it is `interrupted` and a
   * person decides; a read-only run may be run once more when so configured.
   */
  const abandoned = (run: Run) =>
    Effect.gen(function* () {
      const attempt = currentAttempt(run)
      const retry =
        Option.exists(workerSettings, (s) => s.retryInterruptedReadOnly) &&
        attempt?.verdict?.profile === "read-only" &&
        !(yield* store.checkpoints(run.id)).some((c) => c.event.startsWith(retriedEvent))
      if (retry) {
        const next = yield* commit(run, { status: "analyzing" }, `${retriedEvent} (read-only)`)
        yield* notify
        return next
      }
      return yield* commit(run, {
        status: "interrupted",
        outcome: {
          reason: "interrupted",
          message: "the process running the code stopped before it finished; the run is not started again automatically"
        }
      }, "interrupted: its process stopped while the code ran")
    })

  return {
    /** Creates a run for the request and drives it in this process until it ends or waits for approval. */
    run: (request: ExecutionRequest): Effect.Effect<Run, RunError | RunNotFound | PipelineError> => Effect.flatMap(create(request), driveHeld),
    /** Stores a queued run for a worker to drive (the HTTP API). */
    submit: (request: ExecutionRequest): Effect.Effect<Run, StoreError> => Effect.tap(create(request), () => notify),
    /** Applies a decision; an approved run then waits for a worker. */
    decide: (runId: string, decision: ApprovalDecision, decider: Identity): Effect.Effect<Run, ApprovalRefused | RunNotFound | PipelineError> =>
      decide(runId, decision, decider),
    /** Applies a decision and drives an approved run in this process (the CLI). */
    resume: (
      runId: string,
      decision: ApprovalDecision,
      decider: Identity = { name: decision.decidedBy, roles: ["requester", "approver"] }
    ): Effect.Effect<Run, RunError | ApprovalRefused | RunNotFound | PipelineError> =>
      Effect.flatMap(decide(runId, decision, decider), (next) => (next.status === "approved" ? driveHeld(next) : drive(next))),
    /** Drives a stored run that is not waiting for a person; the caller holds its claim. */
    continue: (run: Run) => drive(run),
    abandoned,
    expire
  }
})

/** The event of the one extra try an interrupted read-only run may get. */
const retriedEvent = "interrupted while executing, run once more"

export type Pipeline = Effect.Effect.Success<typeof make>
