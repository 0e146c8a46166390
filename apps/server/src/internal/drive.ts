import * as os from "node:os"
import { type Approval, ExecutionRequest, PyExec, Run, RunStore } from "@pyexec/core"
import { Config, Console, Effect, Schema } from "effect"
import { CliError } from "./CliError.js"
import * as ExitCode from "./ExitCode.js"
import * as Report from "./report.js"

/** Who is at the terminal: PYEXEC_USER, else the login name. */
export const whoAmI = Config.nonEmptyString("PYEXEC_USER").pipe(Config.withDefault(os.userInfo().username))

export const decodeRequest = (input: unknown) =>
  Schema.decodeUnknown(ExecutionRequest.ExecutionRequest)(input).pipe(
    Effect.mapError((e) => new CliError({ message: `invalid request: ${e.message}` }))
  )

const runErrors: ReadonlySet<string> = new Set(["GenerationFailed", "AnalysisBlocked", "ApprovalRejected", "ExecutionFailed"])

/**
 * The id of the run an effect drove. The pipeline reports a run that ended badly as a typed
 * error carrying the run's id; for the CLI that is an answer to show, not a failure.
 */
export const settle = <E, R>(effect: Effect.Effect<Run.Run, E, R>): Effect.Effect<string, E, R> =>
  effect.pipe(
    Effect.map((run) => run.id),
    Effect.catchAll((e) => {
      const { _tag, runId } = e as { _tag?: string; runId?: unknown }
      return typeof runId === "string" && _tag !== undefined && runErrors.has(_tag) ? Effect.succeed(runId) : Effect.fail(e)
    })
  )

export const exitCodeOf = (run: Run.Run) =>
  run.status === "succeeded" ? ExitCode.codes.ok : run.status === "awaiting_approval" ? ExitCode.codes.awaitingApproval : ExitCode.codes.runFailed

/** Prints a run as the command's answer and sets the exit status from it. */
export const answer = (run: Run.Run, json: boolean) =>
  Effect.gen(function* () {
    if (json) yield* Console.log(JSON.stringify(Report.toJson(run)))
    else {
      const text = Report.toText(run)
      if (text) yield* Console.log(text)
    }
    if (run.status !== "succeeded" && run.status !== "awaiting_approval") yield* Console.error(`pyexec: ${Report.failureLine(run)}`)
    yield* ExitCode.set(exitCodeOf(run))
  })

/** A decision by the person at the terminal, bound to the code that waits. */
export const decision = (run: Run.Run, verdict: Approval.ApprovalVerdict, decidedBy: string, comment?: string): Approval.ApprovalDecision => ({
  runId: run.id,
  codeSha256: Run.currentAttempt(run)?.codeSha256 ?? "",
  verdict,
  decidedBy,
  decidedAt: new Date().toISOString(),
  ...(comment ? { comment } : {})
})

/**
 * Runs a request. With `preApprove` the person at the terminal approves the code that waits,
 * only if it is exactly the code they named (`codeSha256`), or any code when they named none.
 */
export const runRequest = (request: ExecutionRequest.ExecutionRequest, preApprove: { readonly codeSha256?: string } | undefined) =>
  Effect.gen(function* () {
    const pyexec = yield* PyExec.PyExec
    const store = yield* RunStore.RunStore
    const runId = yield* settle(pyexec.run(request))
    const run = yield* store.get(runId)
    if (run.status !== "awaiting_approval" || !preApprove) return run
    const waiting = Run.currentAttempt(run)!
    if (preApprove.codeSha256 !== undefined && preApprove.codeSha256 !== waiting.codeSha256) return run
    if (preApprove.codeSha256 === undefined) {
      yield* Console.error(`pyexec: approving with --approve, as ${request.requester}, this code (sha256 ${waiting.codeSha256}):\n${waiting.code}`)
    }
    const approved = decision(run, "approved", request.requester, "approved on the command line with --approve")
    return yield* store.get(yield* settle(pyexec.resume(run.id, approved)))
  })
