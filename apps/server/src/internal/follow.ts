import { type Ids, RunStatus } from "@pyexec/core"
import { Console, Effect, Schema, Stream } from "effect"
import type { SubmitRun } from "../http/ApiSchemas.js"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { type PreApproval, preApproved } from "./drive.js"

const Transition = Schema.parseJson(Schema.Struct({ seq: Schema.Number, toStatus: RunStatus.RunStatus, event: Schema.String }))
const Output = Schema.parseJson(Schema.Struct({ attempt: Schema.Number, seq: Schema.Number, stream: Schema.String, text: Schema.String }))

/** What has been printed of a run already: following it again (after an approval) prints only what is new. */
interface Seen {
  transition: number
  readonly output: Set<string>
}

/**
 * Follows a run on the server through its event stream: a stage line for each transition and the code's output
 * on stderr (nothing with `quiet`), until the server stops moving the run (it ended, or waits for a person).
 */
const follow = (server: RemoteRuns.Remote, runId: Ids.RunId, seen: Seen, quiet: boolean) =>
  Effect.gen(function* () {
    const started = performance.now()
    const say = (text: string) => (quiet ? Effect.void : Console.error(text))
    yield* server.events(runId).pipe(
      Stream.mapEffect((event) =>
        Effect.gen(function* () {
          if (event.event === "transition") {
            const transition = yield* Schema.decode(Transition)(event.data)
            if (transition.seq <= seen.transition) return false
            seen.transition = transition.seq
            yield* say(`pyexec: [${((performance.now() - started) / 1000).toFixed(1)}s] ${runId.slice(0, 8)} ${transition.event}`)
            return !RunStatus.isMoving(transition.toStatus)
          }
          if (event.event === "output") {
            const output = yield* Schema.decode(Output)(event.data)
            const key = `${output.attempt}:${output.seq}`
            if (!seen.output.has(key) && !quiet) yield* Effect.sync(() => process.stderr.write(output.text))
            seen.output.add(key)
          }
          return false
        }).pipe(Effect.orElseSucceed(() => false))
      ),
      Stream.takeUntil((settled) => settled),
      Stream.runDrain
    )
    return RemoteRuns.runOf(yield* server.view(runId), server.server)
  })

/**
 * Submits a request to the server and follows the run as `exec` and `ask` do here: `--approve` approves the
 * waiting code (preApproved) and follows on. Ctrl-C cancels the run, as it stops a run driven here.
 */
export const submitAndFollow = (server: RemoteRuns.Remote, request: typeof SubmitRun.Type, options: { readonly json: boolean; readonly preApprove: PreApproval | undefined }) =>
  Effect.gen(function* () {
    const { runId } = yield* server.submit(request)
    const seen: Seen = { transition: -1, output: new Set() }
    return yield* Effect.gen(function* () {
      const run = yield* follow(server, runId, seen, options.json)
      const waiting = yield* preApproved(run, options.preApprove)
      if (!waiting) return run
      yield* server.approve(runId, waiting.codeSha256)
      return yield* follow(server, runId, seen, options.json)
    }).pipe(
      Effect.onInterrupt(() =>
        server.cancel(runId).pipe(
          Effect.zipRight(Console.error(`pyexec: cancelled run ${runId} on ${server.server}`)),
          Effect.ignore
        )
      )
    )
  })
