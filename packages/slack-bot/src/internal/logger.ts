import { type Logger, LogLevel } from "@slack/bolt"
import { Effect, Runtime } from "effect"

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR]

const text = (parts: ReadonlyArray<unknown>) =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p))).join(" ")

/** Bolt's and the Web API client's logger: every line redacted, then written where the server logs. */
export const redactingLogger = (redact: (text: string) => string, write: (level: LogLevel, line: string) => void): Logger => {
  let level = LogLevel.INFO
  const at =
    (l: LogLevel) =>
    (...parts: Array<unknown>) => {
      if (order.indexOf(l) >= order.indexOf(level)) write(l, redact(`slack: ${text(parts)}`))
    }
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (l) => {
      level = l
    },
    getLevel: () => level,
    setName: () => {}
  }
}

/** Writes Bolt's lines to the Effect logger of the runtime the bot was built in. */
export const writeWith =
  (runtime: Runtime.Runtime<never>) =>
  (level: LogLevel, line: string): void => {
    const log =
      level === LogLevel.ERROR ? Effect.logError : level === LogLevel.WARN ? Effect.logWarning : level === LogLevel.INFO ? Effect.logInfo : Effect.logDebug
    Runtime.runFork(runtime)(log(line))
  }
