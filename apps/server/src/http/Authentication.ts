import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type { Identity } from "@pyexec/core"
import { Effect, Either, Layer, Option, Redacted } from "effect"
import { Authentication } from "./Api.js"
import { Forbidden, Unauthorized } from "./ApiErrors.js"
import * as SignedLinks from "./SignedLinks.js"
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

const unknownToken = (token: Redacted.Redacted<string>) =>
  new Unauthorized({
    message:
      Redacted.value(token) === ""
        ? "send the header Authorization: Bearer <token>"
        : "this token is not known to the server: check PYEXEC_API_TOKENS, or use $PYEXEC_HOME/admin-token"
  })

/**
 * A request without a token may open a signed link (SignedLinks.ts), which names one file; its caller has no
 * role. A link that does not verify is a 403 that says why.
 */
const signedLink = (links: SignedLinks.SignedLinks["Type"], request: HttpServerRequest.HttpServerRequest) =>
  Either.match(SignedLinks.verify(links.keysOf, request.method, request.url), {
    onLeft: (refused) => Effect.fail(new Forbidden({ message: refused.message })),
    onRight: (by) => Effect.succeed<Identity.Identity>({ name: by, roles: [] })
  })

/** The bearer token names the caller; no token, or one the server does not know, is a 401. */
export const layer = Layer.effect(
  Authentication,
  Effect.map(Effect.all([ApiTokens, SignedLinks.SignedLinks]), ([tokens, links]) =>
    Authentication.of({
      bearer: (token) =>
        Effect.flatMap(HttpServerRequest.HttpServerRequest, (request): Effect.Effect<Identity.Identity, Unauthorized | Forbidden, HttpServerRequest.HttpServerRequest> => {
          if (Redacted.value(token) === "" && SignedLinks.isSignedLink(request.url)) return signedLink(links, request)
          return Option.match(tokens.identify(token), {
            onSome: (caller) => actingFor(caller, tokens.isLocalAdmin(caller)),
            onNone: () => Effect.fail(unknownToken(token))
          })
        })
    })
  )
)
