import { Cause, Config, Effect, HashMap, Layer, Logger, LogLevel } from "effect"

/**
 * Where pyexec's log lines go: stderr, one line each. `text` (the default) for a person: `pyexec: <message>`, a
 * warning or error named as such. `json` (PYEXEC_LOG_FORMAT=json) for a log stack: one JSON object per line with
 * the time, the level, the message and the line's annotations (a run's lines carry `runId` and `stage`, an access
 * line `method`, `path`, `status`, `durationMs`).
 */
export const format = Config.literal("text", "json")("PYEXEC_LOG_FORMAT").pipe(Config.withDefault("text" as const))

const messageOf = (message: unknown) =>
  (Array.isArray(message) ? message : [message]).map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ")

const withCause = (text: string, cause: Cause.Cause<unknown>) => (Cause.isEmpty(cause) ? text : `${text}: ${Cause.pretty(cause)}`)

const textLogger = Logger.make(({ logLevel, message, cause }) => {
  const level = LogLevel.greaterThanEqual(logLevel, LogLevel.Warning) ? `${logLevel.label.toLowerCase()}: ` : ""
  process.stderr.write(`pyexec: ${level}${withCause(messageOf(message), cause)}\n`)
})

const jsonLogger = Logger.make(({ logLevel, message, cause, annotations, date }) => {
  const line: Record<string, unknown> = { time: date.toISOString(), level: logLevel.label.toLowerCase(), message: messageOf(message) }
  for (const [key, value] of HashMap.toEntries(annotations)) line[key] = value
  if (!Cause.isEmpty(cause)) line.cause = Cause.pretty(cause)
  process.stderr.write(`${JSON.stringify(line)}\n`)
})

/**
 * The logger of a command: `serve` logs what it does (transitions, requests) from info up; the other commands show
 * their progress themselves, and log only warnings and errors.
 */
export const layer = (command: string | undefined) =>
  Layer.unwrapEffect(
    Effect.map(format, (chosen) =>
      Layer.merge(
        Logger.replace(Logger.defaultLogger, chosen === "json" ? jsonLogger : textLogger),
        Logger.minimumLogLevel(command === "serve" ? LogLevel.Info : LogLevel.Warning)
      )
    )
  )
