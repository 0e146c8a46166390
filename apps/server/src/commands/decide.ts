import { Args, Command, Options } from "@effect/cli"
import { PyExec, type Run, RunStore } from "@pyexec/core"
import { Console, Effect, Option } from "effect"
import { CliError } from "../internal/CliError.js"
import { answer, decision, settle, whoAmI } from "../internal/drive.js"
import * as ExitCode from "../internal/ExitCode.js"
import { jsonOption, withRunLayers } from "./options.js"

const runId = Args.text({ name: "RUN_ID" }).pipe(Args.withDescription("the run's id, as `pyexec runs` lists it"))

/** The code the reviewer saw; without it, the code that waits now (as `pyexec show` printed it). */
const codeShaOption = Options.text("code-sha256").pipe(
  Options.optional,
  Options.withDescription("approve only if the waiting code has this SHA-256 (as `pyexec show` prints it)")
)

/** Applies a decision and loads the run as it ended, whatever way that was. */
const afterDecision = (id: string, applied: Effect.Effect<Run.Run, unknown, PyExec.PyExec>) =>
  Effect.flatMap(settle(applied), () => Effect.flatMap(RunStore.RunStore, (store) => store.get(id)))

export const approve = Command.make("approve", { runId, codeSha256: codeShaOption, json: jsonOption }, ({ runId, codeSha256, json }) =>
  Effect.gen(function* () {
    const store = yield* RunStore.RunStore
    const pyexec = yield* PyExec.PyExec
    const run = yield* store.get(runId)
    const made = decision(run, "approved", yield* whoAmI)
    const named = Option.getOrElse(codeSha256, () => made.codeSha256)
    if (!/^[0-9a-f]{64}$/.test(named)) return yield* new CliError({ message: `--code-sha256 must be 64 hex digits, got '${named}'` })
    if (!json && run.status === "awaiting_approval") yield* Console.error(`pyexec: approving run ${run.id}, code sha256 ${named}`)
    const finished = yield* afterDecision(runId, pyexec.resume(runId, { ...made, codeSha256: named }))
    yield* answer(finished, json)
  }).pipe(withRunLayers(json))
).pipe(Command.withDescription("Approve the code a run waits on, and run it"))

export const reject = Command.make(
  "reject",
  { runId, reason: Options.text("reason").pipe(Options.withDescription("why, for the requester and the audit log")), json: jsonOption },
  ({ runId, reason, json }) =>
    Effect.gen(function* () {
      if (reason.trim().length === 0) return yield* new CliError({ message: "--reason must say why the code is rejected" })
      const store = yield* RunStore.RunStore
      const pyexec = yield* PyExec.PyExec
      const run = yield* store.get(runId)
      const finished = yield* afterDecision(runId, pyexec.resume(runId, decision(run, "rejected", yield* whoAmI, reason)))
      if (json) yield* Console.log(JSON.stringify({ runId: finished.id, status: finished.status, outcome: finished.outcome ?? null }))
      else yield* Console.log(`run ${finished.id} rejected: it will not run. ${finished.outcome?.message ?? ""}`)
      yield* ExitCode.set(ExitCode.codes.ok)
    }).pipe(withRunLayers(json))
).pipe(Command.withDescription("Reject the code a run waits on: the run ends and never runs"))

