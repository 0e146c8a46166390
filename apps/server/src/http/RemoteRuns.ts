import * as fs from "node:fs"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Ids, Run, RunStatus, RunStore } from "@pyexec/core"
import { Config, type ConfigError, Effect, Option, ParseResult, Redacted, Stream } from "effect"
import * as AppLayer from "../AppLayer.js"
import { CliError } from "../internal/CliError.js"
import { whoAmI } from "../internal/drive.js"
import { Api } from "./Api.js"
import type { RunView, SubmitRun } from "./ApiSchemas.js"
import * as EventSource from "./EventSource.js"
import { fromIssues } from "./FailedRequests.js"
import { actingForHeader } from "./Authentication.js"
import * as LocalServer from "./LocalServer.js"
import * as Tokens from "./Tokens.js"

/**
 * The CLI's runs on a `pyexec serve`: the one PYEXEC_SERVER names, else the one serving this PYEXEC_HOME
 * (LocalServer.ts). Every command then calls its API: as the holder of PYEXEC_API_TOKEN or, when that is not
 * set, of the local admin token in $PYEXEC_HOME/admin-token, acting for the person at the terminal.
 */

const adminToken = (home: string) =>
  Effect.gen(function* () {
    const [entry] = yield* Tokens.fromFile(Tokens.adminTokenPath(home))
    return entry!.token
  })

/**
 * One line for what the API's own errors do not say: the server is down or answered oddly, or a value the
 * client cannot send (checked against the same schema the server checks).
 */
const unreachable = (server: string) =>
  Effect.catchTags({
    RequestError: (e: { readonly message: string }) => Effect.fail(new CliError({ message: `cannot reach the pyexec server at ${server}: ${e.message}` })),
    ResponseError: (e: { readonly message: string }) => Effect.fail(new CliError({ message: `the pyexec server at ${server} answered oddly: ${e.message}` })),
    ParseError: (e: ParseResult.ParseError) => Effect.fail(new CliError({ message: fromIssues(ParseResult.ArrayFormatter.formatErrorSync(e)).message }))
  })

const make = (server: string, secret: Redacted.Redacted<string>, actingFor: string | undefined) =>
  Effect.gen(function* () {
    const authorized = (request: HttpClientRequest.HttpClientRequest) => {
      const withToken = HttpClientRequest.bearerToken(request, secret)
      return actingFor === undefined ? withToken : HttpClientRequest.setHeader(withToken, actingForHeader, actingFor)
    }
    const http = (yield* HttpClient.HttpClient.pipe(Effect.provide(NodeHttpClient.layer))).pipe(HttpClient.mapRequest(authorized))
    const client = yield* HttpApiClient.make(Api, { baseUrl: server, transformClient: HttpClient.mapRequest(authorized) }).pipe(
      Effect.provide(NodeHttpClient.layer)
    )
    const reached = unreachable(server)
    const view = (id: Ids.RunId) => reached(client.runs.get({ path: { id } }))
    return {
      server,
      list: (filter: { readonly status?: RunStatus.RunStatus; readonly limit: number }) =>
        reached(client.runs.list({ urlParams: filter })).pipe(Effect.map((page) => page.runs as ReadonlyArray<RunStore.RunSummary>)),
      view,
      submit: (request: typeof SubmitRun.Type) => reached(client.runs.submit({ payload: request })),
      /** The run's events (transitions, output) as the server sends them, until it ends the stream. */
      events: (id: Ids.RunId) =>
        EventSource.open(http, `${server}/api/runs/${id}/events`).pipe(
          Stream.mapError((e) => new CliError({ message: `lost the pyexec server at ${server} while following run ${id}: ${e.message}` }))
        ),
      approve: (id: Ids.RunId, codeSha256: Ids.CodeSha256) => reached(client.runs.approve({ path: { id }, payload: { codeSha256 } })),
      cancel: (id: Ids.RunId) => reached(client.runs.cancel({ path: { id } })),
      reject: (id: Ids.RunId, reason: string, revise = false) => reached(client.runs.reject({ path: { id }, payload: { reason, ...(revise ? { revise } : {}) } })),
      restore: (id: Ids.RunId) => reached(client.runs.restore({ path: { id } })),
      /** A page of the review page that signs in with this token: it stays in the fragment, which no browser sends. */
      pageUrl: (page: string) => `${server}${page}#token=${encodeURIComponent(Redacted.value(secret))}`
    }
  })

export type Remote = Effect.Effect.Success<ReturnType<typeof make>>

/**
 * The server to use, with its client; none when neither PYEXEC_SERVER is set nor a server announced on this
 * home that the CLI holds a credential for (the CLI then opens the store itself).
 */
export const connect = Effect.gen(function* () {
  const given = yield* Config.option(Config.string("PYEXEC_SERVER"))
  const apiToken = yield* Config.option(Config.redacted("PYEXEC_API_TOKEN"))
  const home = yield* AppLayer.homeConfig
  const asAdmin = Effect.map(adminToken(home), (token) => ({ token, actingFor: whoAmI }))
  const credential = Option.match(apiToken, {
    onSome: (token) => Effect.succeed({ token, actingFor: Effect.succeed(undefined) }),
    onNone: () => asAdmin
  })
  if (Option.isSome(given)) {
    if (!/^https?:\/\/[^/]/.test(given.value) || !URL.canParse(given.value)) {
      return yield* new CliError({ message: `PYEXEC_SERVER must be the server's http(s) address, like http://127.0.0.1:8080, not '${given.value}'` })
    }
    if (Option.isNone(apiToken) && !fs.existsSync(Tokens.adminTokenPath(home))) {
      return yield* new CliError({ message: `PYEXEC_SERVER is set but PYEXEC_API_TOKEN is not, and there is no ${Tokens.adminTokenPath(home)}: set PYEXEC_API_TOKEN` })
    }
    const { token, actingFor } = yield* credential
    return Option.some(yield* make(given.value.replace(/\/+$/, ""), token, yield* actingFor))
  }
  const local = LocalServer.read(home)
  if (Option.isNone(local) || (Option.isNone(apiToken) && !local.value.localAdmin)) return Option.none<Remote>()
  const { token, actingFor } = yield* credential
  return Option.some(yield* make(local.value.url, token, yield* actingFor))
})

/** Runs a command against the server (PYEXEC_SERVER, or the one on this home), or here on the store when there is none. */
export const choose = <A, E, R, A2, E2, R2>(options: {
  readonly here: Effect.Effect<A, E, R>
  readonly there: (server: Remote) => Effect.Effect<A2, E2, R2>
}): Effect.Effect<A | A2, E | E2 | CliError | ConfigError.ConfigError | Tokens.TokenConfigError, R | R2> =>
  Effect.flatMap(connect, (server): Effect.Effect<A | A2, E | E2, R | R2> => (Option.isSome(server) ? options.there(server.value) : options.here))

const present = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>))

/** A run as the CLI's printers read it, from the server's view of it: the files become the server's URLs. */
export const runOf = (view: RunView, server: string): Run.Run => ({
  id: view.id,
  status: view.status,
  request: view.request,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
  version: view.version,
  ...present("outcome", view.outcome),
  ...present("notebookPath", view.notebook && server + view.notebook),
  attempts: view.attempts.map((a) => ({
    number: a.number,
    source: a.source,
    code: a.code,
    codeSha256: a.codeSha256,
    createdAt: a.createdAt,
    ...present("model", a.model),
    ...present("analysis", a.analysis && { ...a.analysis, codeSha256: a.codeSha256, findings: a.findings }),
    ...present("verdict", a.verdict),
    ...present("routing", a.routing),
    ...present("approvals", a.approvals),
    ...present("approval", a.approval && { ...a.approval, runId: view.id, codeSha256: a.codeSha256 }),
    ...present(
      "result",
      a.result && { ...a.result, figures: a.result.figures.map((url) => server + url) }
    ),
    ...present("error", a.error),
    ...present("notebookPath", a.notebook && server + a.notebook)
  }))
})
