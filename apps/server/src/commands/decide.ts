import { Command, Options } from "@effect/cli"
import { Decisions, Ids, Pipeline, Run, RunStore } from "@pyexec/core"
import { Console, Effect, Option, Schema } from "effect"
import * as AppLayer from "../AppLayer.js"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { CliError } from "../internal/CliError.js"
import { answer, atTerminal } from "../internal/drive.js"
import * as ExitCode from "../internal/ExitCode.js"
import { followRun, lastTransition } from "../internal/follow.js"
import { jsonOption, withRunLayers } from "./options.js"
import { runIdArg, withRunId } from "./runs.js"

/** The code the reviewer saw; without it, the code that waits now (as `pyexec show` printed it). */
const codeShaOption = Options.text("code-sha256").pipe(
  Options.optional,
  Options.withDescription("approve only if the waiting code has this SHA-256 (as `pyexec show` prints it)")
)

const checkedSha = (named: string) =>
  Schema.decodeUnknown(Ids.CodeSha256)(named).pipe(Effect.mapError(() => new CliError({ message: `--code-sha256 must be 64 hex digits, got '${named}'` })))

/** The code the person names: the given hash, else that of the code that waits. */
const namedCode = (given: Option.Option<string>, waiting: string | undefined) => checkedSha(Option.getOrElse(given, () => waiting ?? ""))

const approveHere = (runId: Ids.RunId, codeSha256: Option.Option<string>, json: boolean) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const pipeline = yield* Pipeline.Pipeline
    const run = yield* store.get(runId)
    const named = yield* namedCode(codeSha256, Run.currentAttempt(run)?.codeSha256)
    if (!json && run.status === "awaiting_approval") yield* Console.error(`pyexec: approving run ${run.id}, code sha256 ${named}`)
    yield* answer(yield* pipeline.resume(runId, { verdict: "approved", codeSha256: named }, yield* atTerminal), json)
  }).pipe(withRunLayers(json))

/** On the server: it runs the approved code; this follows the run until it ends, then answers as `approveHere` does. */
const approveThere = (server: RemoteRuns.Remote, runId: Ids.RunId, codeSha256: Option.Option<string>, json: boolean) =>
  Effect.gen(function* () {
    const view = yield* server.view(runId)
    const named = yield* namedCode(codeSha256, view.codeSha256)
    if (!json && view.status === "awaiting_approval") yield* Console.error(`pyexec: approving run ${view.id} on ${server.server}, code sha256 ${named}`)
    yield* server.approve(runId, named)
    yield* answer(yield* followRun(server, runId, { json, after: lastTransition(view) }), json)
  })

export const approve = Command.make("approve", { runId: runIdArg, codeSha256: codeShaOption, json: jsonOption }, ({ runId, codeSha256, json }) =>
  withRunId(runId, (runId) => RemoteRuns.choose({ here: approveHere(runId, codeSha256, json), there: (server) => approveThere(server, runId, codeSha256, json) }))
).pipe(Command.withDescription("Approve the code a run waits on, and run it"))

const rejected = (finished: Run.Run, json: boolean) =>
  Effect.gen(function* () {
    if (json) yield* Console.log(JSON.stringify({ runId: finished.id, status: finished.status, outcome: finished.outcome ?? null }))
    else yield* Console.log(`run ${finished.id} rejected: it will not run. ${finished.outcome?.message ?? ""}`)
    yield* ExitCode.set(ExitCode.codes.ok)
  })

const rejectHere = (runId: Ids.RunId, reason: string, json: boolean) =>
  Effect.gen(function* () {
    const decisions = yield* Decisions.Decisions
    yield* rejected(yield* decisions.decide(runId, { verdict: "rejected", comment: reason }, yield* atTerminal), json)
  }).pipe(Effect.provide(AppLayer.decisions))

/** Sent back: the model writes a new attempt with the reason here, and this answers as `approve` does when it settles. */
const reviseHere = (runId: Ids.RunId, reason: string, json: boolean) =>
  Effect.gen(function* () {
    const pipeline = yield* Pipeline.Pipeline
    if (!json) yield* Console.error(`pyexec: sending run ${runId} back to the model: ${reason}`)
    yield* answer(yield* pipeline.resume(runId, { verdict: "rejected", comment: reason, revise: true }, yield* atTerminal), json)
  }).pipe(withRunLayers(json))

const rejectThere = (server: RemoteRuns.Remote, runId: Ids.RunId, reason: string, revise: boolean, json: boolean) =>
  Effect.gen(function* () {
    const before = yield* server.view(runId)
    yield* server.reject(runId, reason, revise)
    if (!revise) return yield* rejected(RemoteRuns.runOf(yield* server.view(runId), server.server), json)
    yield* answer(yield* followRun(server, runId, { json, after: lastTransition(before) }), json)
  })

const reviseOption = Options.boolean("revise").pipe(
  Options.withDescription("send the run back to the model with the reason, for a new attempt, instead of ending it")
)

export const reject = Command.make(
  "reject",
  { runId: runIdArg, reason: Options.text("reason").pipe(Options.withDescription("why, for the requester and the audit log")), revise: reviseOption, json: jsonOption },
  ({ runId, reason, revise, json }) =>
    reason.trim().length === 0
      ? new CliError({ message: "--reason must say why the code is rejected" })
      : withRunId(runId, (runId) =>
          RemoteRuns.choose({
            here: revise ? reviseHere(runId, reason, json) : rejectHere(runId, reason, json),
            there: (server) => rejectThere(server, runId, reason, revise, json)
          })
        )
).pipe(Command.withDescription("Reject the code a run waits on: the run ends and never runs, or with --revise the model writes a new attempt"))

/** The run as the cancellation left it: ended (cancelled, or already ended by itself), or still stopping. */
const cancelledLine = (run: Run.Run, json: boolean) =>
  Effect.gen(function* () {
    if (json) yield* Console.log(JSON.stringify({ runId: run.id, status: run.status, outcome: run.outcome ?? null }))
    else yield* Console.log(run.status === "cancelled" ? `run ${run.id} cancelled: ${run.outcome?.message ?? ""}` : `run ${run.id} is ${run.status}`)
    yield* ExitCode.set(ExitCode.codes.ok)
  })

const cancelHere = (runId: Ids.RunId, json: boolean) =>
  Effect.gen(function* () {
    const decisions = yield* Decisions.Decisions
    yield* cancelledLine(yield* decisions.cancel(runId, yield* atTerminal), json)
  }).pipe(Effect.provide(AppLayer.decisions))

const cancelThere = (server: RemoteRuns.Remote, runId: Ids.RunId, json: boolean) =>
  Effect.gen(function* () {
    yield* server.cancel(runId)
    yield* cancelledLine(RemoteRuns.runOf(yield* server.view(runId), server.server), json)
  })

export const cancel = Command.make("cancel", { runId: runIdArg, json: jsonOption }, ({ runId, json }) =>
  withRunId(runId, (runId) => RemoteRuns.choose({ here: cancelHere(runId, json), there: (server) => cancelThere(server, runId, json) }))
).pipe(Command.withDescription("Cancel a run that has not ended: waiting, queued, or running (its code is stopped)"))
