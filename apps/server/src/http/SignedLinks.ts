import { createHmac, timingSafeEqual } from "node:crypto"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Context, Effect, Either, Layer, Option, Redacted } from "effect"
import type { TokenEntry } from "./Tokens.js"

/**
 * Links to a run's notebook or figure that open in a browser, where no Authorization header can be sent:
 * `/api/runs/{id}/notebook.ipynb?attempt=1&expires=<unix s>&by=<name>&sig=<HMAC>`.
 *
 * The HMAC-SHA256 covers the method, the path and every parameter before `sig` (so the attempt, the expiry and
 * the signer's name too), with a key derived from the credential the link was made for: the caller's API token,
 * or the Slack bot token for links on Slack cards. So a link opens that one file only, until it expires, and
 * only while that credential is configured: removing a token revokes every link made for it. The server keeps no
 * secret of its own: replicas on one store share the tokens, so each verifies the others' links. The signature is
 * in the query, which the access log leaves out; the token never is in a link.
 */

/** Who a link was made for, with the key derived from their credential. */
export interface Signer {
  readonly by: string
  readonly key: Buffer
}

/** Links made for the holder of an API token: the review page and the CLI make fresh ones whenever they ask. */
export const apiLinkSeconds = 60 * 60
/** Links on Slack cards, which people open days later (after that, the card's review page link still works). */
export const slackLinkSeconds = 7 * 24 * 60 * 60
/** No link is accepted that claims to live longer than this, whoever made it. */
const longestSeconds = slackLinkSeconds

/** The Slack bot's name as a signer: API token names cannot hold a colon, so it is no token's. */
export const slackSigner = "slack:bot"

const derive = (secret: Redacted.Redacted<string>) => createHmac("sha256", Redacted.value(secret)).update("pyexec signed link v1").digest()

/** The signer for a credential. */
export const signerOf = (by: string, secret: Redacted.Redacted<string>): Signer => ({ by, key: derive(secret) })

const signatureOf = (key: Buffer, method: string, unsigned: string) => createHmac("sha256", key).update(`${method}\n${unsigned}`).digest()

/** The only paths a link can name: a run's notebook, its figures, and its notebook opened in JupyterLab. */
const signable = /^\/api\/runs\/[^/?#]+\/(notebook\.ipynb|attempts\/\d+\/figures\/\d+|jupyter)$/

/** `path` (it may have an `attempt` query) signed for `signer`, valid `seconds` from `now`. */
export const sign = (signer: Signer, path: string, seconds: number, now = Date.now()): string => {
  if (!signable.test(path.split("?")[0] ?? "")) throw new Error(`not a path links are made for: ${path}`)
  const expires = Math.floor(now / 1000) + seconds
  const unsigned = `${path}${path.includes("?") ? "&" : "?"}expires=${expires}&by=${encodeURIComponent(signer.by)}`
  return `${unsigned}&sig=${signatureOf(signer.key, "GET", unsigned).toString("base64url")}`
}

/** The link is refused: the message says why and what to do, never which part of a forged signature was wrong. */
export class LinkRefused {
  readonly _tag = "LinkRefused"
  constructor(readonly message: string) {}
}

const signed = /^(.*)&sig=([A-Za-z0-9_-]{43})$/
const allowedParams = new Set(["attempt", "expires", "by"])
const mismatch = new LinkRefused("this link's signature does not match: it was changed, or the token it was made for is no longer accepted. Open the run again (the review page, or pyexec show) for a new link")

/** Whether a request's URL carries a signed link at all (else it is an ordinary API request). */
export const isSignedLink = (url: string) => /[?&]sig=/.test(url)

/** Checks a signed link: the signer it was made for, or why it is refused. */
export const verify = (
  keysOf: (by: string) => ReadonlyArray<Buffer>,
  method: string,
  url: string,
  now = Date.now()
): Either.Either<string, LinkRefused> => {
  const match = signed.exec(url)
  const [unsigned = "", sig = ""] = match ? match.slice(1) : []
  const [path = "", query = ""] = unsigned.split("?", 2)
  const params = new URLSearchParams(query)
  const names = [...params.keys()]
  const expires = Number(params.get("expires"))
  const by = params.get("by")
  if (!match || method !== "GET" || !signable.test(path) || by === null || !Number.isSafeInteger(expires)) return Either.left(mismatch)
  if (names.some((n) => !allowedParams.has(n)) || new Set(names).size !== names.length) return Either.left(mismatch)
  const presented = Buffer.from(sig, "base64url")
  const genuine = keysOf(by).some((key) => timingSafeEqual(signatureOf(key, method, unsigned), presented))
  if (!genuine) return Either.left(mismatch)
  const seconds = expires - Math.floor(now / 1000)
  if (seconds < 0) {
    return Either.left(new LinkRefused(`this link expired at ${new Date(expires * 1000).toISOString()}: open the run again (the review page, or pyexec show) for a new link`))
  }
  if (seconds > longestSeconds) return Either.left(new LinkRefused("this link claims to live longer than any link pyexec makes"))
  return Either.right(by)
}

/** The keys links are signed with: one per configured token (by its name), and the Slack bot's. */
export class SignedLinks extends Context.Tag("@pyexec/server/SignedLinks")<
  SignedLinks,
  {
    /** The signer for a presented token, if the server accepts it. */
    readonly signerFor: (token: Redacted.Redacted<string>) => Option.Option<Signer>
    readonly keysOf: (by: string) => ReadonlyArray<Buffer>
    /** Links on Slack cards, when the Slack bot runs. */
    readonly slack: Option.Option<Signer>
  }
>() {}

export const make = (entries: ReadonlyArray<TokenEntry>, slackBotToken: Option.Option<Redacted.Redacted<string>>): SignedLinks["Type"] => {
  const signers = [...entries.map((e) => signerOf(e.name, e.token)), ...Option.toArray(Option.map(slackBotToken, (t) => signerOf(slackSigner, t)))]
  return SignedLinks.of({
    signerFor: (token) => {
      const key = derive(token)
      return Option.fromNullable(signers.find((s) => s.by !== slackSigner && timingSafeEqual(s.key, key)))
    },
    keysOf: (by) => signers.filter((s) => s.by === by).map((s) => s.key),
    slack: Option.fromNullable(signers.find((s) => s.by === slackSigner))
  })
}

export const layer = (entries: ReadonlyArray<TokenEntry>, slackBotToken: Option.Option<Redacted.Redacted<string>>) =>
  Layer.succeed(SignedLinks, make(entries, slackBotToken))

/** Signs paths for the token the current request presents (the API's run view): unsigned for a link's own request. */
export const forRequest: Effect.Effect<(path: string) => string, never, SignedLinks | HttpServerRequest.HttpServerRequest> = Effect.gen(function* () {
  const links = yield* SignedLinks
  const request = yield* HttpServerRequest.HttpServerRequest
  const token = Redacted.make(/^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "")
  return Option.match(links.signerFor(token), {
    onNone: () => (path: string) => path,
    onSome: (signer) => (path: string) => sign(signer, path, apiLinkSeconds)
  })
})
