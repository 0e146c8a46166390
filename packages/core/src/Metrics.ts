import { Effect, Metric, MetricBoundaries } from "effect"
import type { RunStatus } from "./RunStatus.js"

/**
 * What pyexec counts as it works, in Effect's metric registry of this process (the server's /metrics serves it in
 * Prometheus' format, with the store's own counts). Each process counts what it did: across server replicas,
 * Prometheus sums them. Names follow Prometheus' conventions: a unit suffix, `_total` for counters.
 */

/** From 10 ms to a day: the runs' seconds, the models' tens of seconds, the approvals' minutes to hours. */
const seconds = MetricBoundaries.fromIterable([0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600])

export const transitions = Metric.counter("pyexec_run_transitions_total", {
  description: "Transitions stored, by the status the run moved into",
  incremental: true
})

export const approvalWait = Metric.histogram(
  "pyexec_approval_wait_seconds",
  seconds,
  "How long a run waited for approval (from its last change: a first of two approvals restarts it), by the status the decision, expiry or cancel moved it into"
)

export const executionDuration = Metric.histogram("pyexec_execution_duration_seconds", seconds, "How long the code ran, by executor and profile")

export const generationDuration = Metric.histogram("pyexec_generation_duration_seconds", seconds, "How long the model took to answer, by outcome")

export const generationFailures = Metric.counter("pyexec_generation_failures_total", { description: "Requests to the model that failed", incremental: true })

export const refusedWrites = Metric.counter("pyexec_refused_writes_total", {
  description: "Writes the code tried that a channel limit or the approved plan refused",
  incremental: true
})

export const storeRetries = Metric.counter("pyexec_store_retries_total", {
  description: "Store operations tried again after the connection to the database was lost",
  incremental: true
})

/** One stored transition of a run from `from` to `to`, at `at`, the run having been in `from` since `since`. */
export const transitioned = (from: RunStatus, to: RunStatus, since: string, at: string) =>
  Effect.zipRight(
    Metric.increment(Metric.tagged(transitions, "status", to)),
    from === "awaiting_approval" && to !== "awaiting_approval"
      ? Metric.update(Metric.tagged(approvalWait, "decision", to), Math.max(0, Date.parse(at) - Date.parse(since)) / 1000)
      : Effect.void
  )

/**
 * Every metric at 0 from the start (its unlabelled series): a dashboard then has data before the first failure or
 * the first generation, rather than an empty panel (Prometheus' advice). Reading a metric registers it.
 */
export const register = Effect.all(
  [
    Metric.value(transitions),
    Metric.value(approvalWait),
    Metric.value(executionDuration),
    Metric.value(generationDuration),
    Metric.value(generationFailures),
    Metric.value(refusedWrites),
    Metric.value(storeRetries)
  ],
  { discard: true }
)
