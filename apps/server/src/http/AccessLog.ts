import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Effect, Exit } from "effect"

/** What orchestrators and Prometheus poll every few seconds: logged at debug level, below what serve shows. */
const polled = new Set(["/healthz", "/readyz", "/metrics"])

/**
 * One log line per request, when its answer starts: method, path (never the query, which may hold a token),
 * status, milliseconds to the answer (an event stream goes on after it), and the client's address.
 */
export const middleware = <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const started = performance.now()
    const exit = yield* Effect.exit(app)
    const status = Exit.isSuccess(exit) ? exit.value.status : (yield* HttpServerError.causeResponse(exit.cause))[0].status
    const path = request.url.split("?")[0] ?? request.url
    const durationMs = Math.round((performance.now() - started) * 10) / 10
    const remote = request.remoteAddress._tag === "Some" ? request.remoteAddress.value : undefined
    const log = polled.has(path) && status === 200 ? Effect.logDebug : Effect.logInfo
    yield* log(`${request.method} ${path} ${status} ${durationMs} ms`).pipe(
      Effect.annotateLogs({ access: true, method: request.method, path, status, durationMs, ...(remote ? { remote } : {}) })
    )
    return yield* exit
  })
