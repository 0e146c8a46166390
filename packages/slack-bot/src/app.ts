import { App, type Logger, type Receiver } from "@slack/bolt"
import { Redacted } from "effect"
import type { BotContext } from "./internal/BotContext.js"
import { clientOptions } from "./internal/client.js"
import { register } from "./listeners/index.js"
import type { SlackSettings } from "./SlackConfig.js"
import { SlackEventsReceiver } from "./SlackEventsReceiver.js"
import { SlackSocketModeReceiver } from "./SlackSocketModeReceiver.js"

/** The receiver the connection mode asks for: Socket Mode (SLACK_APP_TOKEN) or requests to /slack/events. */
export const makeReceiver = (settings: SlackSettings, logger: Logger, warn: BotContext["warn"]): Receiver =>
  settings.connection.mode === "socket"
    ? // apps.connections.open goes to SLACK_API_URL too
      new SlackSocketModeReceiver(Redacted.value(settings.connection.appToken), clientOptions(settings, logger), logger)
    : new SlackEventsReceiver(Redacted.value(settings.connection.signingSecret), warn)

/** Builds the Bolt app on a receiver and registers its listeners; `init()` (auth.test) and `start()` are the caller's. */
export const makeApp = (settings: SlackSettings, receiver: Receiver, logger: Logger, bot: BotContext): App => {
  const app = new App({
    token: Redacted.value(settings.botToken),
    receiver,
    logger,
    clientOptions: clientOptions(settings, logger),
    deferInitialization: true
  })
  register(app, bot)
  app.error(async (error) => bot.warn("a listener failed", error))
  return app
}
