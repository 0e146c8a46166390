import { Effect } from "effect"
import type { RunId } from "../Ids.js"
import type { Run } from "../Run.js"

/**
 * What a trace and a log line know of the run they are about: a span per stage (OpenTelemetry, when a tracer is
 * configured), inside a span per stretch of a run driven by one process, and the run id and stage on every log line.
 */

export type Name = "generate" | "analyze" | "execute"

const attributes = (run: Run) => ({ "pyexec.run_id": run.id, "pyexec.attempt": run.attempts.length, "pyexec.requester": run.request.requester })

/** One process driving the run, from the status it had until it ends or waits for a person. */
export const run = <A, E, R>(of: Run, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.withSpan("pyexec.run", { attributes: { ...attributes(of), "pyexec.from_status": of.status }, kind: "internal" }),
    Effect.annotateLogs({ runId: of.id })
  )

export const traced = <A, E, R>(name: Name, of: Run, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(Effect.withSpan(`pyexec.${name}`, { attributes: attributes(of) }), Effect.annotateLogs({ runId: of.id, stage: name }))

/** A person's decision on the run. */
export const decision = <A, E, R>(runId: RunId, verdict: string, effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.withSpan("pyexec.decide", { attributes: { "pyexec.run_id": runId, "pyexec.verdict": verdict } }),
    Effect.annotateLogs({ runId, stage: "decide" })
  )
