import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Executor, RunStatus, RunStore } from "@pyexec/core"
import { Effect, Layer, Metric } from "effect"
import * as Prometheus from "../internal/prometheusText.js"

/**
 * For the orchestrator and the monitoring: `/healthz` (the process answers), `/readyz` (its store answers, and what
 * its executor's read-only boundary is) and `/metrics` (Prometheus' format). No token: they say how many runs are in
 * which state and how long things took, nothing of any run's content.
 */

const noStore = { "cache-control": "no-store" }

const healthz = HttpServerResponse.text("ok\n", { headers: noStore })

/**
 * Ready when the store answers and nothing of the executor's is down (its read-only gateways); the executor's
 * boundary is reported (without one, runs still work, each needing approval).
 */
const readyz = Effect.gen(function* () {
  const store = yield* RunStore.RunStore
  const executor = yield* Executor.Executor
  const stored = yield* store.census().pipe(
    Effect.as({ ok: true as const }),
    Effect.catchAll((e) => Effect.succeed({ ok: false as const, error: e.message }))
  )
  const boundary = executor.readOnlyBoundary
  const problems = executor.problems ? yield* executor.problems() : []
  const ready = stored.ok && problems.length === 0
  const body = {
    ready,
    store: stored,
    executor: { kind: executor.kind, readOnlyBoundary: boundary._tag === "enforced" ? { enforced: boundary.detail } : { missing: boundary.reason }, problems }
  }
  return yield* HttpServerResponse.json(body, { status: ready ? 200 : 503, headers: noStore })
})

/** The store's counts (the same from every server on it) and this process's own metrics. */
const metrics = Effect.gen(function* () {
  const census = yield* (yield* RunStore.RunStore).census()
  const waited = census.oldestWaitingSince === undefined ? 0 : Math.max(0, Date.now() - Date.parse(census.oldestWaitingSince)) / 1000
  const count = (status: RunStatus.RunStatus) => census.byStatus[status] ?? 0
  const families: Array<Prometheus.Family> = [
    {
      name: "pyexec_runs",
      help: "Runs in the store, by status",
      type: "gauge",
      samples: RunStatus.RunStatus.literals.map((status) => ({ labels: { status }, value: count(status) }))
    },
    { name: "pyexec_queue_depth", help: "Runs waiting for a worker: queued, or approved and not yet started", type: "gauge", samples: [{ value: count("queued") + count("approved") }] },
    { name: "pyexec_approval_oldest_wait_seconds", help: "How long the run that has waited longest for approval has waited (0: none waits)", type: "gauge", samples: [{ value: waited }] },
    ...Prometheus.fromSnapshot((yield* Metric.snapshot).filter((p) => p.metricKey.name.startsWith("pyexec_")))
  ]
  return HttpServerResponse.text(Prometheus.render(families), { headers: { ...noStore, "content-type": Prometheus.contentType } })
}).pipe(Effect.catchAll((e) => HttpServerResponse.text(`the store did not answer: ${e.message}\n`, { status: 503, headers: noStore })))

export const layer = Layer.mergeAll(
  HttpLayerRouter.add("GET", "/healthz", healthz),
  HttpLayerRouter.add("GET", "/readyz", readyz),
  HttpLayerRouter.add("GET", "/metrics", metrics)
)
