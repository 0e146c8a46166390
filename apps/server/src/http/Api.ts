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
import { operation, withExamples, withLocation, withoutRepeatedIds } from "./ApiDocument.js"
import {
  ApprovalRefusedBody,
  BadRequestBody,
  ForbiddenBody,
  NotFoundBody,
  RunNotFoundBody,
  StoreUnavailableBody,
  UnauthorizedBody
} from "./ApiErrors.js"
import * as Examples from "./ApiExamples.js"
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
  failure: Schema.Union(UnauthorizedBody, ForbiddenBody),
  provides: Caller,
  security: { bearer: HttpApiSecurity.bearer }
}) {}

/** A body that is not sent as JSON is refused before the library tries to parse it as something else. */
export class JsonBody extends HttpApiMiddleware.Tag<JsonBody>()("@pyexec/server/JsonBody", { failure: BadRequestBody }) {}

const Notebook = HttpApiSchema.withEncoding(Schema.Record({ key: Schema.String, value: Schema.Unknown }), {
  kind: "Json",
  contentType: "application/x-ipynb+json"
}).annotations({ description: "an nbformat 4 notebook" })

const Png = HttpApiSchema.Uint8Array({ contentType: "image/png" }).annotations({ description: "the figure, as the code saved it" })

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
  .add(
    HttpApiEndpoint.post("submit", "/runs")
      .setPayload(SubmitRun)
      .addSuccess(RunAccepted, { status: 202 })
      .addError(ForbiddenBody)
      .annotateContext(
        operation(
          "Submit a run",
          "Asks pyexec to run `code` as given, or to write code for a request in words (`query`) and run it; the caller (role `requester`) is the run's requester. Answers at once, 202 with `Location: /api/runs/{id}`; the run goes on in the background: GET it, or follow it at `/api/runs/{id}/events`.",
          withExamples({ requests: Examples.submitRequests, response: Examples.accepted }),
          withLocation
        )
      )
  )
  .add(
    HttpApiEndpoint.get("list", "/runs")
      .setUrlParams(ListParams)
      .addSuccess(RunPage)
      .annotateContext(
        operation(
          "List runs",
          "Runs newest first, filtered by `status` and `requester`, a page at a time (`limit` 1 to 200, default 50; `offset`). `total` counts every run the filter matches.",
          withExamples({ response: Examples.runPage })
        )
      )
  )
  .add(
    HttpApiEndpoint.get("get", "/runs/:id")
      .setPath(RunIdPath)
      .addSuccess(RunView)
      .addError(RunNotFoundBody)
      .annotateContext(
        operation(
          "Get a run",
          "Everything about one run: its request, every attempt (code, findings, the policy's verdict, the approval, the result), its history and audit log, and whether the caller may decide it now. `{id}` may be the start of a run's id that no other run's id starts with.",
          withExamples({ response: Examples.runView })
        )
      )
  )
  .add(
    HttpApiEndpoint.post("approve", "/runs/:id/approve")
      .setPath(RunIdPath)
      .setPayload(Approve)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
      .annotateContext(
        operation(
          "Approve the waiting code",
          "Approves the code the run waits with, named by its `codeSha256` (409 `stale-code` when the run's code is another). Role `approver`; the approval rules may refuse this approver (403: their own run, not in the group) or ask for more approvals before the code runs.",
          withExamples({ requests: Examples.approveRequests, response: Examples.decided("approved") })
        )
      )
  )
  .add(
    HttpApiEndpoint.post("reject", "/runs/:id/reject")
      .setPath(RunIdPath)
      .setPayload(Reject)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
      .annotateContext(
        operation(
          "Reject the waiting code",
          "Rejects the code that waits now, with a reason. `revise: true` sends the run back to the model with the reason for a new attempt (409 `not-revisable` for code given with the request). Role `approver`.",
          withExamples({ requests: Examples.rejectRequests, response: Examples.decided("rejected") })
        )
      )
  )
  .add(
    HttpApiEndpoint.post("cancel", "/runs/:id/cancel")
      .setPath(RunIdPath)
      .addSuccess(Decided)
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(ApprovalRefusedBody)
      .annotateContext(
        operation(
          "Cancel a run",
          "Stops a run; its requester or an approver may. Answers once the run has ended (`cancelled`; code that runs is stopped); 409 `ended` when it had already.",
          withExamples({ response: Examples.decided("cancelled") })
        )
      )
  )
  .add(
    HttpApiEndpoint.post("restore", "/runs/:id/restore")
      .setPath(RunIdPath)
      .addSuccess(RunAccepted, { status: 202 })
      .addError(ForbiddenBody)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
      .annotateContext(
        operation(
          "Put back what a run wrote",
          "Submits a new write run that sets every channel the run wrote back to the value read before its first write there (from its write ledger); 404 when there is nothing to restore. Role `requester`; answers as a submit does, 202 with `Location`.",
          withExamples({ response: Examples.accepted }),
          withLocation
        )
      )
  )
  .add(
    HttpApiEndpoint.get("events", "/runs/:id/events")
      .setPath(RunIdPath)
      .setHeaders(EventHeaders)
      .addSuccess(EventStream)
      .addError(RunNotFoundBody)
      .annotateContext(
        operation(
          "Follow a run",
          "A `text/event-stream` of the run's transitions from the first and, as `output` events, of the model's reply while it is written (`\"phase\": \"generation\"`) and of what the code writes on stdout and stderr while it runs; it ends after the transition into a final status. `Last-Event-ID` resumes after an event."
        )
      )
  )
  .add(
    HttpApiEndpoint.get("notebook", "/runs/:id/notebook.ipynb")
      .setPath(RunIdPath)
      .setUrlParams(NotebookParams)
      .addSuccess(Notebook)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
      .annotateContext(
        operation(
          "Download a notebook",
          "The run's notebook (nbformat 4: the request, the findings, the decision, the code with its outputs), or one attempt's with `?attempt=N`; 404 before one is written."
        )
      )
  )
  .add(
    HttpApiEndpoint.get("figure", "/runs/:id/attempts/:n/figures/:i")
      .setPath(FigurePath)
      .addSuccess(Png)
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
      .annotateContext(operation("Download a figure", "Figure `i` (counting from 0) of attempt `n`, a PNG, as the attempt's `result.figures` lists it."))
  )
  .add(
    HttpApiEndpoint.get("jupyter", "/runs/:id/jupyter")
      .setPath(RunIdPath)
      .addSuccess(HttpApiSchema.Empty(303).annotations({ description: "`Location`: the notebook in JupyterLab, `<PYEXEC_JUPYTER_URL>/lab/tree/<path>`" }))
      .addError(RunNotFoundBody)
      .addError(NotFoundBody)
      .annotateContext(
        operation(
          "Open the notebook in JupyterLab",
          "Puts the run's notebook (its final one, else the newest attempt's) where the configured JupyterLab reads it (`PYEXEC_JUPYTER_FOLDER`, or its contents API with `PYEXEC_JUPYTER_TOKEN`) and answers 303 with its address there; 404 when no JupyterLab is configured or the run has no notebook yet, 503 when Jupyter did not take it."
        )
      )
  )
  .add(
    HttpApiEndpoint.get("me", "/me")
      .addSuccess(Me)
      .annotateContext(operation("Who is calling", "The caller's name and roles, as their token says.", withExamples({ response: Examples.me })))
  )
  .add(
    HttpApiEndpoint.get("statuses", "/statuses")
      .addSuccess(Statuses)
      .annotateContext(
        operation(
          "List run statuses",
          "Every run status in the order a run goes through them, and the groups pyexec sorts them into (`moving`, `waiting`, `ended`, `terminal`, `claimable`).",
          withExamples({ response: Examples.statuses })
        )
      )
  )
  .addError(BadRequestBody)
  .addError(StoreUnavailableBody)
  // the last middleware added runs first: who calls is checked before what they sent
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/api")
  .annotate(OpenApi.Description, "Runs: submit, list, review, approve or reject, follow, download. Every call needs a bearer token; its role decides what it may do.")

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
  .annotate(OpenApi.Transform, withoutRepeatedIds)
