import * as HttpLayerRouter from "@effect/platform/HttpLayerRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Executor } from "@pyexec/core"
import { Blocks, SlackBot, SlackConfig, SlackRunObserver } from "@pyexec/slack-bot"
import { type ConfigError, Deferred, Effect, Layer, Option } from "effect"
import * as Jupyter from "../http/Jupyter.js"
import * as SignedLinks from "../http/SignedLinks.js"

/** The Slack parts of `pyexec serve`, when SLACK_BOT_TOKEN is set. */
export interface Slack {
  readonly settings: SlackConfig.SlackSettings
  /** Resolved with the links' base once the server listens: PYEXEC_PUBLIC_URL, else the server's address. */
  readonly publicUrl: Deferred.Deferred<string>
}

/** Reads the Slack configuration; none when SLACK_BOT_TOKEN is not set. */
export const load: Effect.Effect<Option.Option<Slack>, ConfigError.ConfigError> = Effect.gen(function* () {
  const settings = yield* SlackConfig.load
  if (Option.isNone(settings)) return Option.none()
  return Option.some({ settings: settings.value, publicUrl: yield* Deferred.make<string>() })
})

/** Notebook links (and JupyterLab's) on cards and results open in a browser: signed for the bot, for days, since cards are read later. */
const linkSigner = Layer.effect(
  Blocks.LinkSigner,
  Effect.map(SignedLinks.SignedLinks, (links) =>
    Option.match(links.slack, {
      onNone: () => (path: string) => path,
      onSome: (signer) => (path: string) => SignedLinks.sign(signer, path, SignedLinks.slackLinkSeconds)
    })
  )
)

/** Whether results link the notebook in JupyterLab: when the server has one configured (Jupyter.settings says). */
const jupyterLab = Layer.effect(Blocks.JupyterLab, Effect.map(Jupyter.settings, Option.isSome))

/** What the bot's links need from the server: how they are signed, and whether a JupyterLab opens notebooks. */
const serverLinks = Layer.merge(linkSigner, jupyterLab)

/** The pipeline's services, with the observer that keeps runs' Slack messages up to date when Slack is configured. */
export const observed = <A, E, R>(slack: Option.Option<Slack>, services: Layer.Layer<A, E, R>): Layer.Layer<A, E, R> =>
  Option.match(slack, {
    onNone: () => services,
    onSome: (s) =>
      Layer.unwrapEffect(Effect.map(Executor.Executor, (executor) => SlackRunObserver.layer(s.settings, Deferred.await(s.publicUrl), executor.kind))).pipe(
        Layer.provide(serverLinks),
        Layer.provideMerge(services)
      )
  }) as Layer.Layer<A, E, R>

/**
 * The bot on the server's services (Socket Mode or HTTP), for as long as the server lives; in HTTP mode also
 * `POST /slack/events`, whose raw body and headers go to the bot's receiver, which checks the signature first.
 */
export const layer = (slack: Option.Option<Slack>) =>
  Option.match(slack, {
    onNone: () => Layer.empty,
    onSome: (s) =>
      Layer.unwrapEffect(
        Effect.map(SlackBot.SlackBot, (running) =>
          Option.match(running.events, {
            onNone: () => Layer.empty,
            onSome: (handle) =>
              HttpLayerRouter.add("POST", "/slack/events", (request) =>
                Effect.gen(function* () {
                  const body = yield* request.text
                  const answer = yield* Effect.promise(() => handle({ headers: request.headers, body }))
                  return HttpServerResponse.text(answer.body, { status: answer.status, ...(answer.contentType ? { contentType: answer.contentType } : {}) })
                }).pipe(Effect.orElseSucceed(() => HttpServerResponse.text("the body could not be read", { status: 400 })))
              )
          })
        )
      ).pipe(
        Layer.provide(Layer.unwrapEffect(Effect.map(Executor.Executor, (executor) => SlackBot.layer(s.settings, Deferred.await(s.publicUrl), executor.kind)))),
        Layer.provide(serverLinks)
      )
  })

/** Once the server listens: the links' base for cards and results. */
export const listening = (slack: Option.Option<Slack>, serverUrl: string) =>
  Option.match(slack, {
    onNone: () => Effect.void,
    onSome: (s) => Deferred.succeed(s.publicUrl, Option.getOrElse(s.settings.publicUrl, () => serverUrl)).pipe(Effect.asVoid)
  })

/** The line `serve` prints about the bot. */
export const describe = (slack: Slack) =>
  slack.settings.connection.mode === "socket"
    ? "Slack bot connected in Socket Mode"
    : "Slack bot answering on POST /slack/events (HTTP mode, signed requests only)"
