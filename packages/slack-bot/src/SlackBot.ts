import type { Executor } from "@pyexec/core"
import { Context, Effect, Layer, Option, Runtime, Schema } from "effect"
import { makeApp, makeReceiver } from "./app.js"
import type { BotContext, BotServices } from "./internal/BotContext.js"
import { redactingLogger, writeWith } from "./internal/logger.js"
import { redactor } from "./internal/redact.js"
import { type SlackSettings, secretsOf } from "./SlackConfig.js"
import { type EventsAnswer, type EventsRequest, SlackEventsReceiver } from "./SlackEventsReceiver.js"

/** The bot could not start: Slack refused the token, or could not be reached at SLACK_API_URL. */
export class SlackStartFailed extends Schema.TaggedError<SlackStartFailed>()("SlackStartFailed", {
  message: Schema.String
}) {}

export class SlackBot extends Context.Tag("@pyexec/slack-bot/SlackBot")<
  SlackBot,
  {
    readonly mode: SlackSettings["connection"]["mode"]
    /** HTTP mode: answers a request Slack sent to /slack/events. None in Socket Mode. */
    readonly events: Option.Option<(request: EventsRequest) => Promise<EventsAnswer>>
  }
>() {}

const startFailed = (what: string, settings: SlackSettings, redact: (t: string) => string) => (error: unknown) =>
  new SlackStartFailed({
    message: redact(
      `Slack ${what} failed (${error instanceof Error ? error.message : String(error)}): check SLACK_BOT_TOKEN${settings.connection.mode === "socket" ? " and SLACK_APP_TOKEN" : ""}, and SLACK_API_URL (${settings.apiUrl})`
    )
  })

/**
 * The Slack app for as long as the layer lives: built on the server's services, checked against Slack
 * (auth.test) and started; stopped when the scope closes. It keeps no state of its own: runs, their messages
 * and decisions are in the store.
 */
export const layer = (settings: SlackSettings, publicUrl: Effect.Effect<string>, executor: Executor.ExecutorKind) =>
  Layer.scoped(
    SlackBot,
    Effect.gen(function* () {
      const runtime = yield* Effect.runtime<BotServices>()
      const redact = redactor(secretsOf(settings))
      const logger = redactingLogger(redact, writeWith(runtime))
      const warn = (message: string, error?: unknown) =>
        logger.warn(error === undefined ? message : `${message}: ${error instanceof Error ? error.message : String(error)}`)
      const bot: BotContext = { settings, run: (effect) => Runtime.runPromiseExit(runtime)(effect), publicUrl, executor, warn }
      const receiver = makeReceiver(settings, logger, warn)
      const app = makeApp(settings, receiver, logger, bot)
      yield* Effect.tryPromise({ try: () => app.init(), catch: startFailed("auth.test", settings, redact) })
      yield* Effect.acquireRelease(
        Effect.tryPromise({ try: () => app.start(), catch: startFailed("connecting", settings, redact) }),
        // Socket Mode: resolves once the WebSocket is closed; a Slack that does not answer the close frame is not waited for
        () => Effect.promise(() => app.stop()).pipe(Effect.timeout("3 seconds"), Effect.ignore)
      )
      return SlackBot.of({
        mode: settings.connection.mode,
        events: receiver instanceof SlackEventsReceiver ? Option.some((request) => receiver.handle(request)) : Option.none()
      })
    })
  )
