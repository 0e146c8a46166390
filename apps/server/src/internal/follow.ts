import { type Ids, RunOutput, RunStatus } from "@pyexec/core"
import { Console, Effect, Schema, Stream } from "effect"
import type { SubmitRun } from "../http/ApiSchemas.js"
import * as RemoteRuns from "../http/RemoteRuns.js"
import { type PreApproval, preApproved } from "./drive.js"
import * as Progress from "./Progress.js"

const Transition = Schema.parseJson(Schema.Struct({ seq: Schema.Number, toStatus: RunStatus.RunStatus, event: Schema.String }))
const Output = Schema.parseJson(
  Schema.Struct({
    attempt: Schema.Number,
    seq: Schema.Number,
    phase: Schema.optionalWith(Schema.Literal(...RunOutput.phases), { default: () => "run" as const }),
    stream: Schema.Literal("stdout", "stderr"),
    text: Schema.String
  })
)

/** What has been printed of a run already: following it again (after an approval) prints only what is new. */
interface Seen {
  transition: number
  readonly output: Set<string>
}

/** Prints nothing: --json. */
const silent: Progress.Printer = { stage: () => Effect.void, output: () => Effect.void }

/**
 * Follows a run on the server through its event stream, printing its stages, the model's reply and the code's
 * output as a run driven here prints them (Progress), until the server stops moving the run (it ended, or waits for
 * a person). A stream that ends before that (the server cut it) is opened again; what was printed is not printed twice.
 */
const follow = (server: RemoteRuns.Remote, runId: Ids.RunId, seen: Seen, printer: Progress.Printer) =>
  Effect.gen(function* () {
    for (;;) {
      yield* eventsUntilSettled(server, runId, seen, printer)
      const view = yield* server.view(runId)
      if (!RunStatus.isMoving(view.status)) return RemoteRuns.runOf(view, server.server)
      yield* Effect.sleep("200 millis")
    }
  })

/**
 * The run's event stream, printed, until a transition to a status the server does not move on from, or its end. The
 * stream starts at the run's first event: output that came before the last transition printed (or followed from) is
 * not printed (an earlier attempt's reply and output, when a command follows a run on after a decision).
 */
const eventsUntilSettled = (server: RemoteRuns.Remote, runId: Ids.RunId, seen: Seen, printer: Progress.Printer) => {
  let caughtUp = seen.transition < 0
  return server.events(runId).pipe(
    Stream.mapEffect((event) =>
      Effect.gen(function* () {
        if (event.event === "transition") {
          const transition = yield* Schema.decode(Transition)(event.data)
          if (transition.seq >= seen.transition) caughtUp = true
          if (transition.seq <= seen.transition) return false
          seen.transition = transition.seq
          yield* printer.stage(runId, transition.toStatus, transition.event)
          return !RunStatus.isMoving(transition.toStatus)
        }
        if (event.event === "output") {
          const output = yield* Schema.decode(Output)(event.data)
          const key = `${output.attempt}:${output.seq}`
          if (caughtUp && !seen.output.has(key)) yield* printer.output({ stream: output.stream, text: output.text }, output.phase)
          seen.output.add(key)
        }
        return false
      }).pipe(Effect.orElseSucceed(() => false))
    ),
    Stream.takeUntil((settled) => settled),
    Stream.runDrain
  )
}

/** The seq of the last transition a view of the run holds: following from it prints only what comes after. */
export const lastTransition = (view: { readonly history: ReadonlyArray<{ readonly seq: number }> }) => view.history.at(-1)?.seq ?? -1

/**
 * Follows a run on the server as a command that drives it here would: from after transition `after` until the
 * server stops moving it, `--approve` approving the waiting code (preApproved) and following on. Ctrl-C cancels
 * the run, as it stops a run driven here.
 */
export const followRun = (
  server: RemoteRuns.Remote,
  runId: Ids.RunId,
  options: { readonly json: boolean; readonly preApprove?: PreApproval | undefined; readonly after?: number }
) =>
  Effect.gen(function* () {
    const seen: Seen = { transition: options.after ?? -1, output: new Set() }
    const printer = options.json ? silent : yield* Progress.printer
    return yield* Effect.gen(function* () {
      const run = yield* follow(server, runId, seen, printer)
      const waiting = yield* preApproved(run, options.preApprove)
      if (!waiting) return run
      yield* server.approve(runId, waiting.codeSha256)
      return yield* follow(server, runId, seen, printer)
    }).pipe(
      Effect.onInterrupt(() =>
        server.cancel(runId).pipe(
          Effect.zipRight(Console.error(`pyexec: cancelled run ${runId} on ${server.server}`)),
          Effect.ignore
        )
      )
    )
  }).pipe(Effect.scoped)

/** Submits a request to the server and follows the run (followRun). */
export const submitAndFollow = (server: RemoteRuns.Remote, request: typeof SubmitRun.Type, options: { readonly json: boolean; readonly preApprove: PreApproval | undefined }) =>
  Effect.flatMap(server.submit(request), ({ runId }) => followRun(server, runId, options))
