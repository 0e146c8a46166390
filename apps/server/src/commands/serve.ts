import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as net from "node:net"
import { Command, Options } from "@effect/cli"
import * as HttpServerError from "@effect/platform/HttpServerError"
import { Metrics, Pipeline, RunWorker } from "@pyexec/core"
import { Effect, Layer, Option, Redacted } from "effect"
import * as AppLayer from "../AppLayer.js"
import * as LocalServer from "../http/LocalServer.js"
import * as SignedLinks from "../http/SignedLinks.js"
import * as Tokens from "../http/Tokens.js"
import { CliError } from "../internal/CliError.js"
import type * as SlackServer from "../slack/SlackServer.js"

const port = Options.integer("port").pipe(Options.withDefault(8080), Options.withDescription("the TCP port; 0 picks a free one"))
const host = Options.text("host").pipe(
  Options.withDefault("127.0.0.1"),
  Options.withDescription("the address to listen on; without configured API tokens only a loopback address")
)

const isLoopback = (address: string) =>
  address === "localhost" || address === "::1" || (net.isIPv4(address) && address.startsWith("127."))

/**
 * This process's pipeline and its work loop: it claims runs from the store, as every `serve` process does.
 * Slack: with the bot configured, the pipeline tells it of every transition (see ../slack/SlackServer.ts).
 */
const processLayer = (slack: Option.Option<SlackServer.Slack>, observed: typeof SlackServer.observed) =>
  RunWorker.layer.pipe(Layer.provideMerge(Pipeline.layer), Layer.provideMerge(observed(slack, AppLayer.services)))

/**
 * The credentials the server accepts: the configured tokens, else the local admin token, which is only for a
 * server on a loopback address; that one also comes back to print the review page's address with it.
 */
const credentials = (listenOn: string) =>
  Effect.gen(function* () {
    const configured = yield* Tokens.configured
    if (configured.length > 0) return { entries: configured, localAdmin: undefined }
    if (!isLoopback(listenOn)) {
      return yield* new CliError({
        message: `no API tokens are configured, so the server listens on a loopback address only, not ${listenOn}: set PYEXEC_API_TOKENS or PYEXEC_API_TOKENS_FILE`
      })
    }
    const admin = yield* Tokens.localAdmin(yield* AppLayer.home)
    return { entries: [admin], localAdmin: admin }
  })

/** The server could not listen (its ServeError has no message of its own). */
const cannotListen = (host: string, port: number, cause: unknown) => {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code
  const why =
    code === "EADDRINUSE"
      ? "the port is in use: stop what listens there, or pick another port with --port (0 picks a free one)"
      : code === "EACCES"
        ? "permission denied: pick a port above 1023 with --port"
        : code === "EADDRNOTAVAIL" || code === "ENOTFOUND"
          ? "this host has no such address: pick one of its addresses with --host"
          : `${String(cause)}: check --host and --port`
  return new CliError({ message: `cannot listen on ${host}:${port}: ${why}` })
}

const urlOf = (address: AddressInfo) => `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`

/** The address a client on this host reaches the server at: a wildcard address is reached on loopback. */
const localUrlOf = (address: AddressInfo) =>
  urlOf({ ...address, address: address.address === "0.0.0.0" ? "127.0.0.1" : address.address === "::" ? "::1" : address.address })

export const serve = Command.make("serve", { port, host }, ({ port, host }) =>
  Effect.gen(function* () {
    if (port < 0 || port > 65_535) return yield* new CliError({ message: `--port must be from 0 to 65535, got ${port}` })
    const { entries, localAdmin } = yield* credentials(host)
    const [Server, SlackServer] = yield* Effect.promise(() => Promise.all([import("../http/Server.js"), import("../slack/SlackServer.js")]))
    const nodeServer = http.createServer()
    const slack = yield* SlackServer.load // Slack: the bot, when SLACK_BOT_TOKEN is set
    const links = SignedLinks.layer(entries, Option.map(slack, (s) => s.settings.botToken))
    yield* Layer.build(
      Server.layer(nodeServer, { host, port }, SlackServer.layer(slack)).pipe(
        Layer.provide(processLayer(slack, SlackServer.observed)),
        Layer.provideMerge(Layer.merge(Tokens.layer(entries, localAdmin), links))
      )
    ).pipe(
      Effect.provideService(Pipeline.LogTransitions, true),
      Effect.catchIf((e) => e instanceof HttpServerError.ServeError, (e) => Effect.fail(cannotListen(host, port, e.cause)))
    )
    // Runs before the server's own close, which waits for open connections: an event stream never ends by itself.
    yield* Effect.addFinalizer(() =>
      Effect.sync(() => {
        nodeServer.closeIdleConnections()
        setTimeout(() => nodeServer.closeAllConnections(), 1_000).unref()
      })
    )
    yield* Metrics.register
    const url = urlOf(nodeServer.address() as AddressInfo)
    yield* LocalServer.announce(yield* AppLayer.home, { url: localUrlOf(nodeServer.address() as AddressInfo), localAdmin: localAdmin !== undefined })
    yield* SlackServer.listening(slack, url)
    yield* Effect.logInfo(`serving on ${url}`)
    if (Option.isSome(slack)) yield* Effect.logInfo(SlackServer.describe(slack.value))
    if (localAdmin) yield* Effect.logInfo(`review page ${url}/#token=${encodeURIComponent(Redacted.value(localAdmin.token))}`)
    return yield* Effect.never
  }).pipe(Effect.scoped)
).pipe(Command.withDescription("Serve the HTTP API and the review page, and work on runs from the store"))
