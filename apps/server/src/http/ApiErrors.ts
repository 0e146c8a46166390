import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import { Schema, Struct } from "effect"

/**
 * The API's errors. Handlers fail with these classes; on the wire each is
 * `{"error": {"type", "message", "field"?, "reason"?}}` with its status (see docs/http-api.md).
 */

export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  message: Schema.String,
  field: Schema.optional(Schema.String.annotations({ description: "the path of the first wrong part: a body field (`timeoutSeconds`), a query or path parameter" }))
}) {}

export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  message: Schema.String
}) {}

export const ForbiddenReason = Schema.Literal("not-allowed", "own-run", "not-in-group", "already-approved")

export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String,
  reason: Schema.optional(ForbiddenReason.annotations({ description: "why a decision was refused, when it was" }))
}) {}

export class RunNotFound extends Schema.TaggedError<RunNotFound>()("RunNotFound", {
  message: Schema.String
}) {}

/** The run is there, the file asked for is not (no notebook yet, no such figure). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  message: Schema.String
}) {}

export const RefusedReason = Schema.Literal("not-awaiting", "stale-code", "already-decided", "not-revisable", "expired", "ended")

export class ApprovalRefused extends Schema.TaggedError<ApprovalRefused>()("ApprovalRefused", {
  message: Schema.String,
  reason: RefusedReason.annotations({ description: "what was in the way: send the decision again only after what it names changed" })
}) {}

export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  message: Schema.String
}) {}

/** The wire form of an error class: its tag becomes `error.type`, its other fields sit beside it; `example` is the document's. */
const wire = <Self, Tag extends string, Fields extends { readonly _tag: Schema.tag<Tag> } & Schema.Struct.Fields>(
  errorClass: Schema.TaggedErrorClass<Self, Tag, Fields>,
  status: number,
  description: string,
  example: Omit<Schema.Struct.Encoded<Fields>, "_tag">
) => {
  const fields = Struct.omit(errorClass.fields as Schema.Struct.Fields, "_tag")
  return Schema.transform(
    Schema.Struct({ error: Schema.Struct({ type: Schema.Literal(errorClass._tag), ...fields }) }).annotations({
      identifier: errorClass._tag,
      description,
      examples: [{ error: { type: errorClass._tag, ...example } } as never]
    }),
    errorClass,
    {
      strict: false,
      decode: ({ error }) => {
        const { type, ...rest } = error as Record<string, unknown>
        return { ...rest, _tag: type } as Schema.Schema.Encoded<typeof errorClass>
      },
      encode: (encoded) => {
        const { _tag, ...rest } = encoded as Record<string, unknown>
        return { error: { ...rest, type: _tag } } as never
      }
    }
    // the answer's description in /openapi.json is the transformation's
  ).annotations({ ...HttpApiSchema.annotations({ status }), description })
}

export const BadRequestBody = wire(BadRequest, 400, "The request is malformed; `field` names the part that is wrong", {
  message: "timeoutSeconds: Expected a positive number, actual -5",
  field: "timeoutSeconds"
})
export const UnauthorizedBody = wire(Unauthorized, 401, "No bearer token, or one this server does not know", {
  message: "no bearer token: send Authorization: Bearer <token>"
})
export const ForbiddenBody = wire(Forbidden, 403, "The token lacks the role, the approval rules refuse this decider, or a signed link is refused (expired, changed, or its token revoked)", {
  message: "alice may not approve her own run",
  reason: "own-run"
})
export const RunNotFoundBody = wire(RunNotFound, 404, "No run with this id", { message: "no run 3f2b9c1e" })
export const NotFoundBody = wire(NotFound, 404, "The run has no such file", { message: "run 3f2b9c1e has no notebook yet" })
export const ApprovalRefusedBody = wire(ApprovalRefused, 409, "The decision was not applied and nothing changed", {
  message: "the code changed since it was reviewed: review the current code (its codeSha256) and decide again",
  reason: "stale-code"
})
export const StoreUnavailableBody = wire(StoreUnavailable, 503, "The run store cannot be reached", {
  message: "the run store is unavailable: try again shortly"
})
