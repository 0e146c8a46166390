import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, Layer } from "effect"
import { JsonBody } from "./Api.js"
import { BadRequest } from "./ApiErrors.js"

const withBody: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"])

/** A request with a body must send it as JSON; without a Content-Type it is read as JSON. */
export const layer = Layer.succeed(
  JsonBody,
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    const type = request.headers["content-type"]
    return withBody.has(request.method) && type !== undefined && !type.toLowerCase().includes("application/json")
      ? Effect.fail(new BadRequest({ message: `send the body as JSON, with Content-Type: application/json (not ${type.slice(0, 60)})` }))
      : Effect.void
  })
)
