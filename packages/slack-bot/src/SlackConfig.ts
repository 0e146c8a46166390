import { Config, ConfigError, Effect, Option, Redacted } from "effect"

/** How Slack reaches the app: over a WebSocket the app opens (no public URL), or by HTTP requests to it. */
export type Connection =
  | { readonly mode: "socket"; readonly appToken: Redacted.Redacted }
  | { readonly mode: "http"; readonly signingSecret: Redacted.Redacted }

export interface SlackSettings {
  readonly botToken: Redacted.Redacted
  readonly connection: Connection
  /** Slack user IDs (`U…`, `W…`) and user group IDs (`S…`) whose members may approve or reject. */
  readonly approvers: ReadonlyArray<string>
  /** The Web API base: `https://slack.com/api/`, another host for GovSlack and Enterprise setups. */
  readonly apiUrl: string
  /** Where people open the review page and notebooks (links on cards and results); none: the server's address. */
  readonly publicUrl: Option.Option<string>
}

const userOrGroup = /^[UWS][A-Z0-9]{2,}$/

// validated before being nested under their name, so an error names the variable
const approvers = Config.string().pipe(
  Config.map((list) => list.split(",").map((s) => s.trim()).filter((s) => s.length > 0)),
  Config.validate({
    message: "list Slack user IDs (U…, W…) and user group IDs (S…), separated by commas",
    validation: (entries) => entries.every((e) => userOrGroup.test(e))
  }),
  Config.nested("SLACK_APPROVERS"),
  Config.withDefault([])
)

const token = (name: string, prefix: string, what: string) =>
  Config.redacted().pipe(
    Config.validate({ message: `must be ${what} (it starts with ${prefix})`, validation: (r) => Redacted.value(r).startsWith(prefix) }),
    Config.nested(name)
  )

const httpUrl = (name: string) =>
  Config.string().pipe(
    Config.validate({
      message: "must be an http:// or https:// URL",
      validation: (u) => URL.canParse(u) && ["http:", "https:"].includes(new URL(u).protocol)
    }),
    Config.nested(name)
  )

const connection: Effect.Effect<Connection, ConfigError.ConfigError> = Effect.gen(function* () {
  const appToken = yield* Config.option(token("SLACK_APP_TOKEN", "xapp-", "an app-level token with connections:write"))
  if (Option.isSome(appToken)) return { mode: "socket", appToken: appToken.value }
  const signingSecret = yield* Config.option(Config.redacted("SLACK_SIGNING_SECRET"))
  if (Option.isSome(signingSecret) && Redacted.value(signingSecret.value).trim() !== "") return { mode: "http", signingSecret: signingSecret.value }
  return yield* Effect.fail(
    ConfigError.MissingData(["SLACK_SIGNING_SECRET"], "set it for HTTP mode (Slack posts to /slack/events), or set SLACK_APP_TOKEN for Socket Mode")
  )
})

/**
 * The bot's settings when SLACK_BOT_TOKEN is set (the other variables are read only then): SLACK_APP_TOKEN
 * selects Socket Mode, else SLACK_SIGNING_SECRET is needed for HTTP mode; SLACK_APPROVERS, SLACK_API_URL,
 * PYEXEC_PUBLIC_URL.
 */
export const load: Effect.Effect<Option.Option<SlackSettings>, ConfigError.ConfigError> = Effect.gen(function* () {
  const botToken = yield* Config.option(token("SLACK_BOT_TOKEN", "xoxb-", "a bot token"))
  if (Option.isNone(botToken)) return Option.none()
  return Option.some({
    botToken: botToken.value,
    connection: yield* connection,
    approvers: yield* approvers,
    apiUrl: yield* httpUrl("SLACK_API_URL").pipe(Config.withDefault("https://slack.com/api/")),
    publicUrl: yield* Config.option(httpUrl("PYEXEC_PUBLIC_URL").pipe(Config.map((u) => u.replace(/\/+$/, ""))))
  })
})

/** The secrets in the settings, for redacting them from anything logged. */
export const secretsOf = (settings: SlackSettings): ReadonlyArray<string> => [
  Redacted.value(settings.botToken),
  Redacted.value(settings.connection.mode === "socket" ? settings.connection.appToken : settings.connection.signingSecret)
]
