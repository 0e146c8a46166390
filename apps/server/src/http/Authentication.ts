import { Effect, Layer, Option, Redacted } from "effect"
import { Authentication } from "./Api.js"
import { Unauthorized } from "./ApiErrors.js"
import { ApiTokens } from "./Tokens.js"

/** The bearer token names the caller; no token, or one the server does not know, is a 401. */
export const layer = Layer.effect(
  Authentication,
  Effect.map(ApiTokens, (tokens) =>
    Authentication.of({
      bearer: (token) =>
        Option.match(tokens.identify(token), {
          onSome: Effect.succeed,
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
