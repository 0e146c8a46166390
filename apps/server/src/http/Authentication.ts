import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type { Identity } from "@pyexec/core"
import { Effect, Layer, Option, Redacted } from "effect"
import { Authentication } from "./Api.js"
import { Unauthorized } from "./ApiErrors.js"
import { ApiTokens } from "./Tokens.js"

/**
 * The header with which the local admin acts for a named person: the CLI on the server's own home holds the
 * local admin token and sends the name of the person at the terminal, so that runs, approvals and the audit log
 * name that person, as they do when the CLI opens the store itself (whoever can read the token can open that
 * store). Any other caller's header is ignored: a configured token always names its holder.
 */
export const actingForHeader = "x-pyexec-acting-for"

/** The person at a terminal may ask for runs and decide on them, as on the command line without a server. */
const actingFor = (caller: Identity.Identity, localAdmin: boolean) =>
  Effect.map(HttpServerRequest.HttpServerRequest, (request): Identity.Identity => {
    const name = request.headers[actingForHeader]?.trim()
    return name && localAdmin ? { name, roles: ["requester", "approver"] } : caller
  })

/** The bearer token names the caller; no token, or one the server does not know, is a 401. */
export const layer = Layer.effect(
  Authentication,
  Effect.map(ApiTokens, (tokens) =>
    Authentication.of({
      bearer: (token) =>
        Option.match(tokens.identify(token), {
          onSome: (caller) => actingFor(caller, tokens.isLocalAdmin(caller)),
          onNone: () =>
            Effect.fail(
              new Unauthorized({
                message:
                  Redacted.value(token) === ""
                    ? "send the header Authorization: Bearer <token>"
                    : "this token is not known to the server: check PYEXEC_API_TOKENS, or use $PYEXEC_HOME/admin-token"
              })
            )
        })
    })
  )
)
