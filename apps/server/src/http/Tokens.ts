import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Identity } from "@pyexec/core"
import { Config, Context, Effect, Layer, Option, Redacted, Schema } from "effect"

/** One configured credential: who presents it, with which role. */
export interface TokenEntry {
  readonly name: string
  readonly role: Identity.Role
  readonly token: Redacted.Redacted<string>
}

/** Start-up could not read the tokens: the message names the entry's place, never its secret. */
export class TokenConfigError extends Schema.TaggedError<TokenConfigError>()("TokenConfigError", {
  message: Schema.String
}) {}

const roles: ReadonlySet<string> = new Set(Identity.Role.literals)

/** The shortest secret accepted: shorter ones are guessable. */
export const minTokenLength = 16

/** Reads `name:role:token` (the token may itself hold colons); `where` names the entry in an error. */
export const parseEntry = (text: string, where: string): Effect.Effect<TokenEntry, TokenConfigError> => {
  const [name = "", role = "", ...rest] = text.trim().split(":")
  const token = rest.join(":")
  const fail = (why: string) => Effect.fail(new TokenConfigError({ message: `${where}: ${why}` }))
  if (rest.length === 0) return fail("expected name:role:token")
  if (name.trim() === "") return fail("the name is empty")
  // the role is not echoed: in an entry written in the wrong order it may be the secret
  if (!roles.has(role)) return fail("the role must be requester, approver or admin")
  if (token.length < minTokenLength) return fail(`the token must be at least ${minTokenLength} characters`)
  return Effect.succeed({ name: name.trim(), role: role as Identity.Role, token: Redacted.make(token) })
}

/** `PYEXEC_API_TOKENS`: entries separated by commas. */
const fromList = (list: string) =>
  Effect.forEach(
    list.split(",").flatMap((entry, i) => (entry.trim() === "" ? [] : [{ entry, i }])),
    ({ entry, i }) => parseEntry(entry, `PYEXEC_API_TOKENS entry ${i + 1}`)
  )

/** A token file: one entry a line, blank lines and `#` comments skipped. */
export const fromFile = (file: string) =>
  Effect.tryPromise({
    try: () => fs.readFile(file, "utf8"),
    catch: (e) => new TokenConfigError({ message: `cannot read the token file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` })
  }).pipe(
    Effect.flatMap((text) =>
      Effect.forEach(
        text.split("\n").flatMap((line, i) => (line.trim() === "" || line.trim().startsWith("#") ? [] : [{ line, i }])),
        ({ line, i }) => parseEntry(line, `${file} line ${i + 1}`)
      )
    )
  )

/** Every entry from PYEXEC_API_TOKENS and the file PYEXEC_API_TOKENS_FILE names; none when neither is set. */
export const configured = Effect.gen(function* () {
  const list = yield* Config.option(Config.redacted("PYEXEC_API_TOKENS"))
  const file = yield* Config.option(Config.string("PYEXEC_API_TOKENS_FILE"))
  const fromEnv = Option.isSome(list) ? yield* fromList(Redacted.value(list.value)) : []
  const fromTokenFile = Option.isSome(file) ? yield* fromFile(file.value) : []
  return [...fromEnv, ...fromTokenFile]
})

/** `$PYEXEC_HOME/admin-token`: the local admin credential of a server that has no configured tokens. */
export const adminTokenPath = (home: string) => path.join(home, "admin-token")

/** Reads the local admin token, writing a new one (mode 0600) the first time. */
export const localAdmin = (home: string): Effect.Effect<TokenEntry, TokenConfigError> => {
  const file = adminTokenPath(home)
  const write = Effect.tryPromise({
    try: async () => {
      await fs.mkdir(home, { recursive: true })
      // `wx`: a second server starting at the same moment keeps the first one's token
      await fs.writeFile(file, `local-admin:admin:${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" })
    },
    catch: (e) => e as NodeJS.ErrnoException
  }).pipe(
    Effect.catchAll((e) =>
      e.code === "EEXIST" ? Effect.void : Effect.fail(new TokenConfigError({ message: `cannot write ${file}: ${e.code ?? e.message}` }))
    )
  )
  return write.pipe(
    Effect.zipRight(fromFile(file)),
    Effect.flatMap((entries) =>
      entries.length === 1 ? Effect.succeed(entries[0]!) : Effect.fail(new TokenConfigError({ message: `${file} must hold one name:role:token line` }))
    )
  )
}

const digest = (secret: string) => createHash("sha256").update(secret, "utf8").digest()

/** Who presents a token: the name of its entries with all their roles; none for an unknown token. */
export class ApiTokens extends Context.Tag("@pyexec/server/ApiTokens")<
  ApiTokens,
  {
    readonly identify: (token: Redacted.Redacted<string>) => Option.Option<Identity.Identity>
    /** Whether this caller is the local admin, who may act for the person at a terminal on the server's home. */
    readonly isLocalAdmin: (caller: Identity.Identity) => boolean
  }
>() {}

/**
 * Compares the presented token with every entry, each in constant time over equal-length digests, so the time
 * taken says nothing about how much of a token was right. The same token under two names is refused.
 */
export const make = (entries: ReadonlyArray<TokenEntry>, localAdmin?: TokenEntry): Effect.Effect<ApiTokens["Type"], TokenConfigError> =>
  Effect.gen(function* () {
    const digests = entries.map((e) => ({ ...e, digest: digest(Redacted.value(e.token)) }))
    for (const [i, a] of digests.entries()) {
      const other = digests.slice(0, i).find((b) => b.name !== a.name && timingSafeEqual(a.digest, b.digest))
      if (other) return yield* new TokenConfigError({ message: `the tokens of ${other.name} and ${a.name} are the same: give each name its own` })
    }
    return ApiTokens.of({
      identify: (token) => {
        const presented = digest(Redacted.value(token))
        let name: string | undefined
        const granted = new Set<Identity.Role>()
        for (const entry of digests) {
          if (timingSafeEqual(presented, entry.digest)) {
            name = entry.name
            granted.add(entry.role)
          }
        }
        return name === undefined ? Option.none() : Option.some({ name, roles: [...granted] })
      },
      isLocalAdmin: (caller) => localAdmin !== undefined && caller.name === localAdmin.name && entries.length === 1
    })
  })

/** The configured tokens, or the local admin's alone (which may act for the person at a terminal). */
export const layer = (entries: ReadonlyArray<TokenEntry>, localAdmin?: TokenEntry) => Layer.effect(ApiTokens, make(entries, localAdmin))
