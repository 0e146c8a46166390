import { type Logger, webApi } from "@slack/bolt"
import { Redacted } from "effect"
import type { SlackSettings } from "../SlackConfig.js"

/** The Web API client's options: SLACK_API_URL, a few quick retries, no request (and token) attached to errors. */
export const clientOptions = (settings: SlackSettings, logger: Logger): webApi.WebClientOptions => ({
  slackApiUrl: settings.apiUrl,
  logger,
  retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  attachOriginalToWebAPIRequestError: false,
  logLevel: webApi.LogLevel.WARN
})

/** A Web API client with the bot token, for work outside Bolt's listeners (updates as runs move). */
export const makeClient = (settings: SlackSettings, logger: Logger) =>
  new webApi.WebClient(Redacted.value(settings.botToken), clientOptions(settings, logger))
