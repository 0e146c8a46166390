import { Command } from "@effect/cli"
import { Restore, RunStore } from "@pyexec/core"
import { Effect } from "effect"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { answer, runRequest, whoAmI } from "../internal/drive.js"
import { followRun } from "../internal/follow.js"
import { approveOption, jsonOption, withRunLayers } from "./options.js"
import { runIdArg } from "./runs.js"

/**
 * Puts back what a finished write run changed: a new write run, made from its write ledger, that sets each channel
 * it wrote to the value read before its first write there. It is analyzed, previewed and approved like any other;
 * with --approve the person at the terminal approves it once its preview is made.
 */
export const restore = Command.make("restore", { runId: runIdArg, approve: approveOption, json: jsonOption }, ({ runId: typed, approve, json }) =>
  RemoteRuns.choose({
    here: Effect.gen(function* () {
      const original = yield* Effect.flatMap(RunStore.RunStore, (store) => RunStore.find(store, typed))
      const request = yield* Restore.requestFor(original, yield* whoAmI)
      yield* answer(yield* runRequest(request, approve ? {} : undefined), json)
    }).pipe(withRunLayers(json)),
    there: (server) =>
      Effect.gen(function* () {
        const accepted = yield* server.restore((yield* server.view(typed)).id)
        yield* answer(yield* followRun(server, accepted.runId, { json, preApprove: approve ? {} : undefined }), json)
      })
  })
).pipe(Command.withDescription("Put back what a finished write run changed: a new write run from its write ledger, with its own preview and approval"))
