import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import { Schema, Struct } from "effect"

/**
 * The API's errors. Handlers fail with these classes; on the wire each is
 * `{"error": {"type", "message", "field"?, "reason"?}}` with its status (see docs/http-api.md).
 */

export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  message: Schema.String,
  field: Schema.optional(Schema.String)
}) {}

export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  message: Schema.String
}) {}

export const ForbiddenReason = Schema.Literal("not-allowed", "own-run", "not-in-group", "already-approved")

export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String,
  reason: Schema.optional(ForbiddenReason)
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
  reason: RefusedReason
}) {}

export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  message: Schema.String
}) {}

/** The wire form of an error class: its tag becomes `error.type`, its other fields sit beside it. */
const wire = <Self, Tag extends string, Fields extends { readonly _tag: Schema.tag<Tag> } & Schema.Struct.Fields>(
  errorClass: Schema.TaggedErrorClass<Self, Tag, Fields>,
  status: number,
  description: string
) => {
  const fields = Struct.omit(errorClass.fields as Schema.Struct.Fields, "_tag")
  return Schema.transform(
    Schema.Struct({ error: Schema.Struct({ type: Schema.Literal(errorClass._tag), ...fields }) }).annotations({
      identifier: errorClass._tag,
      description
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
  ).annotations(HttpApiSchema.annotations({ status }))
}

export const BadRequestBody = wire(BadRequest, 400, "The request is malformed; `field` names the part that is wrong")
export const UnauthorizedBody = wire(Unauthorized, 401, "No bearer token, or one this server does not know")
export const ForbiddenBody = wire(Forbidden, 403, "The token lacks the role, or the approval rules refuse this decider")
export const RunNotFoundBody = wire(RunNotFound, 404, "No run with this id")
export const NotFoundBody = wire(NotFound, 404, "The run has no such file")
export const ApprovalRefusedBody = wire(ApprovalRefused, 409, "The decision was not applied and nothing changed")
export const StoreUnavailableBody = wire(StoreUnavailable, 503, "The run store cannot be reached")
