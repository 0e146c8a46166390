import * as OpenApi from "@effect/platform/OpenApi"
import type { Context } from "effect"

/**
 * What /openapi.json says that HttpApi has no annotation for: request and response examples on the media types,
 * the `Location` header of a 202, and no repeated `$id`. Each is an OpenApi.Transform: it gets the operation (or
 * the document) as plain JSON.
 */
type Transform = Context.Tag.Service<typeof OpenApi.Transform>

export interface Examples {
  /** Named request bodies, as OpenAPI's `examples` map. */
  readonly requests?: Record<string, { readonly summary: string; readonly value: unknown }>
  /** The success body. */
  readonly response?: unknown
}

const jsonContent = (holder: { readonly content?: Record<string, object> } | undefined) => holder?.content?.["application/json"]

/** Puts the examples on the operation's JSON request body and on its success answer. */
export const withExamples =
  ({ requests, response }: Examples): Transform =>
  (operation) => {
    const request = jsonContent(operation.requestBody)
    if (request && requests) Object.assign(request, { examples: requests })
    const success = Object.entries(operation.responses).find(([status]) => status.startsWith("2"))
    const answer = jsonContent(success?.[1] as OpenApi.OpenApiSpecResponse | undefined)
    if (answer && response !== undefined) Object.assign(answer, { example: response })
    return operation
  }

/** A 202 names the run it created, as `POST /api/runs` answers. */
export const withLocation: Transform = (operation) => {
  operation.responses["202"].headers = {
    Location: {
      description: "where the new run is: `/api/runs/{id}`, to GET or to follow at `/events`",
      required: true,
      schema: { type: "string", format: "uri-reference", examples: ["/api/runs/3f2b9c1e-8a47-4d2e-9b6f-0c5d7e1a2b34"] }
    }
  }
  return operation
}

/**
 * effect marks the JSON schema of `Schema.Unknown` (and of `any`, `object`, `{}`) with a fixed `$id` such as
 * `/schemas/unknown`; a document that holds two declares one id twice, which JSON Schema forbids and validators
 * refuse. The marks say nothing a client needs.
 */
export const withoutRepeatedIds: Transform = (document) =>
  JSON.parse(JSON.stringify(document), (key, value) => (key === "$id" && typeof value === "string" && value.startsWith("/schemas/") ? undefined : value))

/** An operation's summary and description, and what the transforms add to it. */
export const operation = (summary: string, description: string, ...transforms: ReadonlyArray<Transform>) =>
  OpenApi.annotations({ summary, description, transform: (op) => transforms.reduce((done, transform) => transform(done), op) })
