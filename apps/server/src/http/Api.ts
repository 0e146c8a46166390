import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApiSecurity from "@effect/platform/HttpApiSecurity"
import * as OpenApi from "@effect/platform/OpenApi"
import type { Identity } from "@pyexec/core"
import { Context, Schema } from "effect"
import { version } from "../internal/version.js"
import {
  ApprovalRefusedBody,
  BadRequestBody,
  ForbiddenBody,
  NotFoundBody,
  RunNotFoundBody,
  StoreUnavailableBody,
  UnauthorizedBody
} from "./ApiErrors.js"
import {
  Approve,
  Decided,
  EventHeaders,
  FigurePath,
  ListParams,
  Me,
  NotebookParams,
  Reject,
  RunAccepted,
  Statuses,
  RunIdPath,
  RunPage,
  RunView,
  SubmitRun
} from "./ApiSchemas.js"

/** Who made the request, as their bearer token says. */
export class Caller extends Context.Tag("@pyexec/server/Caller")<Caller, Identity.Identity>() {}

export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@pyexec/server/Authentication", {
  failure: UnauthorizedBody,
  provides: Caller,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** A body that is not sent as JSON is refused before the library tries to parse it as something else. */
export class JsonBody extends HttpApiMiddleware.Tag<JsonBody>()("@pyexec/server/JsonBody", { failure: BadRequestBody }) {}

const Notebook = HttpApiSchema.withEncoding(Schema.Record({ key: Schema.String, value: Schema.Unknown }), {
  kind: "Json",
  contentType: "application/x-ipynb+json"
}).annotations({ description: "an nbformat 4 notebook" })

const Png = HttpApiSchema.Uint8Array({ contentType: "image/png" })

/** OpenAPI describes an event stream by the schema of one event (its fields `id`, `event`, `data`). */
const EventStream = HttpApiSchema.Text({ contentType: "text/event-stream" }).annotations({
  description:
    "One event per transition and per piece of the code's output while it runs (stdout and stderr, in order), ending after the transition into a final status; `: keep-alive` comments in between",
  jsonSchema: {
    type: "object",
    required: ["event", "data"],
    properties: {
      id: {
        type: "string",
        description: "where the stream is: the last transition's seq, then `/` and the last output's seq once output came (5, 5/120); send it back as Last-Event-ID to resume"
      },
      event: { type: "string", enum: ["transition", "output", "error"] },
      data: {
        type: "string",
        contentMediaType: "application/json",
        description:
          "transition: {seq, fromStatus, toStatus, event, at}; output: {attempt, stream (stdout|stderr), text, seq, at}; error: {message}, and the stream ends"
      }
    }
  }
})

const runs = HttpApiGroup.make("runs")
  .add(HttpApiEndpoint.post("submit", "/runs").setPayload(SubmitRun).addSuccess(RunAccepted, { status: 202 }).addError(ForbiddenBody))
  .add(HttpApiEndpoint.get("list", "/runs").setUrlParams(ListParams).addSuccess(RunPage))
  .add(HttpApiEndpoint.get("get", "/runs/:id").setPath(RunIdPath).addSuccess(RunView).addError(RunNotFoundBody))
  .add(
    HttpApiEndpoint.post("approve", "/runs/:id/approve")
      .setPath(RunIdPath)
      .setPayload(Approve)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
  )
  .add(
    HttpApiEndpoint.post("reject", "/runs/:id/reject")
      .setPath(RunIdPath)
      .setPayload(Reject)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
  )
  .add(
    HttpApiEndpoint.post("cancel", "/runs/:id/cancel")
      .setPath(RunIdPath)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
  )
  .add(
    HttpApiEndpoint.post("restore", "/runs/:id/restore")
      .setPath(RunIdPath)
      .addSuccess(RunAccepted, { status: 202 })
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
  )
  .add(HttpApiEndpoint.get("events", "/runs/:id/events").setPath(RunIdPath).setHeaders(EventHeaders).addSuccess(EventStream).addError(RunNotFoundBody))
  .add(
    HttpApiEndpoint.get("notebook", "/runs/:id/notebook.ipynb")
      .setPath(RunIdPath)
      .setUrlParams(NotebookParams)
      .addSuccess(Notebook)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
  )
  .add(
    HttpApiEndpoint.get("figure", "/runs/:id/attempts/:n/figures/:i")
      .setPath(FigurePath)
      .addSuccess(Png)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
  )
  .add(HttpApiEndpoint.get("me", "/me").addSuccess(Me))
  .add(HttpApiEndpoint.get("statuses", "/statuses").addSuccess(Statuses))
  .addError(BadRequestBody)
  .addError(StoreUnavailableBody)
  // the last middleware added runs first: who calls is checked before what they sent
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/api")

/**
 * `HttpApi.make` declares HttpApiDecodeError (body `{_tag, issues, message}`) on every API; this API answers bad
 * input with its own BadRequest body instead, so it starts from a copy without that error, and FailedRequests.ts turns
 * the library's decode failures into BadRequest.
 */
const withoutDefaultErrors = <A extends HttpApi.HttpApi.Any>(api: A): A =>
  Object.assign(Object.create(Object.getPrototypeOf(api)), api, { errorSchema: Schema.Never })

export const Api = withoutDefaultErrors(HttpApi.make("pyexec"))
  .add(runs)
  .annotate(OpenApi.Title, "pyexec")
  .annotate(OpenApi.Version, version)
  .annotate(OpenApi.Description, "Runs: submit, list, review, approve or reject, follow, download. See docs/http-api.md.")
