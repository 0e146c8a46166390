import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { HttpApiDecodeError } from "@effect/platform/HttpApiError"
import { Cause, Effect, Option, Schema } from "effect"
import { BadRequest, BadRequestBody, NotFound, NotFoundBody } from "./ApiErrors.js"

type Issue = HttpApiDecodeError["issues"][number]

const literalExpected = /^Expected "(.*)", actual /

/**
 * One BadRequest from the issues of a decode failure (the API's, and the CLI's requests): the first field that is wrong and what is wrong with it.
 * An optional field adds an "Expected undefined" issue and a literal union one issue per member; those read
 * better as one sentence.
 */
export const fromIssues = (issues: ReadonlyArray<Issue>): BadRequest => {
  const first = issues[0]
  if (!first) return new BadRequest({ message: "the request does not match the API" })
  const field = first.path.map(String).join(".")
  const here = issues.filter((i) => i.path.map(String).join(".") === field && !i.message.startsWith("Expected undefined, actual"))
  const literals = here.map((i) => literalExpected.exec(i.message)?.[1])
  const message = (here[0] ?? first).message
  const why =
    here.length > 1 && literals.every((l) => l !== undefined)
      ? `must be one of ${literals.join(", ")}`
      : // a message may quote the value sent ("actual ..."): never at length
        message.length > 300 ? `${message.slice(0, 300)}...` : message
  if (field === "") {
    return new BadRequest({ message: why.startsWith("Expected {") ? "the body must be a JSON object" : why })
  }
  return new BadRequest({ message: `${field}: ${why}`, field })
}

const isBadJson = (defect: unknown) => HttpServerError.isServerError(defect) && defect._tag === "RequestError" && defect.reason === "Decode"

const badRequest = (error: BadRequest) =>
  HttpServerResponse.json(Schema.encodeSync(BadRequestBody)(error), { status: 400 }).pipe(Effect.orDie)

const noRoute = HttpServerResponse.json(Schema.encodeSync(NotFoundBody)(new NotFound({ message: "no such path: see /openapi.json" })), {
  status: 404
}).pipe(Effect.orDie)

/**
 * Answers the requests that failed outside the API's declared errors. The request decoding of HttpApi fails with
 * HttpApiDecodeError (which this API does not declare, see Api.ts) and dies on a body that is not JSON: both are
 * a 400 BadRequest. An unknown path is a 404 in the same error body. Anything else is a bug: it is logged, and
 * the server answers 500.
 */
export const layer = HttpLayerRouter.middleware(
  (app) =>
    Effect.catchAllCause(app, (cause) => {
      const failure = Cause.failureOption(cause)
      if (Option.exists(failure, (e: unknown) => e instanceof HttpApiDecodeError)) {
        return badRequest(fromIssues((Option.getOrThrow(failure) as unknown as HttpApiDecodeError).issues))
      }
      if (Option.exists(failure, (e: unknown) => HttpServerError.isServerError(e) && e._tag === "RouteNotFound")) return noRoute
      if (Option.exists(Cause.dieOption(cause), isBadJson)) return badRequest(new BadRequest({ message: "the body is not valid JSON" }))
      if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
      return Effect.logError("request failed", cause).pipe(Effect.zipRight(Effect.failCause(cause)))
    }),
  { global: true }
)
