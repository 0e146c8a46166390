import * as os from "node:os"
import { type Approval, ExecutionRequest, Pipeline, Run } from "@pyexec/core"
import { Config, Console, Effect, ParseResult, Schema } from "effect"
import { fromIssues } from "../http/FailedRequests.js"
import { CliError } from "./CliError.js"
import * as ExitCode from "./ExitCode.js"
import * as Report from "./report.js"

/** Who is at the terminal: PYEXEC_USER, else the login name. */
export const whoAmI = Config.nonEmptyString("PYEXEC_USER").pipe(Config.withDefault(os.userInfo().username))

/** The person at the terminal, as the pipeline's rules see them: they may ask for runs and decide on them. */
export const atTerminal = Effect.map(whoAmI, (name) => ({ name, roles: ["requester", "approver"] as const }))

/** A request as the pipeline takes it; what is wrong is one line, as the API says it (never the whole input). */
export const decodeRequest = (input: unknown) =>
  Schema.decodeUnknown(ExecutionRequest.ExecutionRequest)(input).pipe(
    Effect.mapError((e) => new CliError({ message: `invalid request: ${fromIssues(ParseResult.ArrayFormatter.formatErrorSync(e)).message}` }))
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

/** What `--approve` approves: the code the person named (its SHA-256), or any code when they named none (`ask`). */
export interface PreApproval {
  readonly codeSha256?: string
}

/**
 * The waiting attempt the person at the terminal approves with `--approve`, if any: only exactly the code they
 * named; when they named none, any code, which is then printed with what they approve.
 */
export const preApproved = (run: Run.Run, preApprove: PreApproval | undefined) =>
  Effect.gen(function* () {
    const waiting = Run.currentAttempt(run)
    if (run.status !== "awaiting_approval" || !preApprove || !waiting) return undefined
    if (preApprove.codeSha256 !== undefined) return preApprove.codeSha256 === waiting.codeSha256 ? waiting : undefined
    yield* Console.error(`pyexec: approving with --approve, as ${run.request.requester}, this code (sha256 ${waiting.codeSha256}):\n${waiting.code}`)
    return waiting
  })

/** Runs a request in this process, approving its code with `--approve` (preApproved). */
export const runRequest = (request: ExecutionRequest.ExecutionRequest, preApprove: PreApproval | undefined) =>
  Effect.gen(function* () {
    const pipeline = yield* Pipeline.Pipeline
    const run = yield* pipeline.run(request)
    const waiting = yield* preApproved(run, preApprove)
    if (!waiting) return run
    const approval: Approval.Decision = { verdict: "approved", codeSha256: waiting.codeSha256, comment: "approved on the command line with --approve" }
    return yield* pipeline.resume(run.id, approval, { name: request.requester, roles: ["requester", "approver"] })
  })
