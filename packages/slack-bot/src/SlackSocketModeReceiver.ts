import { type Logger, SocketModeReceiver, type webApi } from "@slack/bolt"

/** Slack waits 3 s for an envelope's acknowledgement, then tells the user the command or click failed. */
const ackTimeoutMs = 3_000

/** How long start-up waits for Slack's hello on the WebSocket apps.connections.open named. */
const helloWithinMs = 30_000

/**
 * apps.connections.open, also when reconnecting: retried for as long as Slack cannot be reached, the pause
 * growing to 20 s. The client gives up reconnecting for good (with an unhandled rejection) once that call
 * fails, so it must not fail while Slack is unreachable.
 */
const connectionRetries = { forever: true, retries: 10, factor: 1.5, minTimeout: 500, maxTimeout: 20_000 }

interface SlackEventArgs {
  readonly envelope_id: string
  readonly type: string
  // biome-ignore lint/suspicious/noExplicitAny: the payload is the JSON Slack sent
  readonly body: Record<string, any> | undefined
}

/**
 * The client's logger, whose line about a failed apps.connections.open is a debug line until the first hello:
 * start() then fails with that error, which serve reports in its one line.
 */
const quietWhileStarting = (logger: Logger, starting: { value: boolean }): Logger => ({
  debug: (...msg) => logger.debug(...msg),
  info: (...msg) => logger.info(...msg),
  warn: (...msg) => logger.warn(...msg),
  error: (...msg) => (starting.value && String(msg[0]).startsWith("Failed to retrieve a new WSS URL") ? logger.debug(...msg) : logger.error(...msg)),
  setLevel: (level) => logger.setLevel(level),
  getLevel: () => logger.getLevel(),
  setName: (name) => logger.setName(name)
})

const what = (args: SlackEventArgs) =>
  args.type === "slash_commands" ? `${args.body?.command ?? "slash"} command` : `${args.body?.type ?? args.type} envelope`

/** Slack's `disconnect` message, if the WebSocket message is one: the reason Slack gave for recycling the connection. */
const disconnectReason = (data: unknown): string | undefined => {
  try {
    const message = JSON.parse(String(data))
    return message?.type === "disconnect" ? String(message.reason) : undefined
  } catch {
    return undefined
  }
}

/**
 * Bolt's Socket Mode receiver with what a server needs of it: the connection's losses and returns in the log, a
 * warning for an envelope no listener acknowledged in time (as for HTTP requests), reconnecting through an
 * outage of Slack's Web API, and a stop that has closed the WebSocket (close frame 1000) when it resolves.
 */
export class SlackSocketModeReceiver extends SocketModeReceiver {
  private stopping: boolean
  /** The WebSocket URL's host, once apps.connections.open named it. */
  private linkHost: string | undefined

  constructor(appToken: string, clientOptions: webApi.WebClientOptions, logger: Logger) {
    const starting = { value: true }
    super({ appToken, logger: quietWhileStarting(logger, starting), installerOptions: { clientOptions: { ...clientOptions, retryConfig: connectionRetries } } })
    this.stopping = false
    this.client.on("authenticated", (opened: { url?: string }) => {
      this.linkHost = opened.url && URL.canParse(opened.url) ? new URL(opened.url).host : undefined
    })
    const acked = new Set<string>()
    let recycled: string | undefined
    let lost = false
    this.client.on("outgoing_message", (message: { envelope_id: string }) => acked.add(message.envelope_id))
    this.client.on("slack_event", (args: SlackEventArgs) => {
      setTimeout(() => {
        if (!acked.delete(args.envelope_id)) logger.warn(`no listener acknowledged a ${what(args)} within 3 s`)
      }, ackTimeoutMs).unref()
    })
    this.client.on("ws_message", (data: unknown) => {
      recycled = disconnectReason(data) ?? recycled
    })
    this.client.on("close", () => {
      if (this.stopping || lost) return
      lost = true
      if (recycled !== undefined) logger.info(`Slack asked for a new Socket Mode connection (${recycled}); reconnecting`)
      else logger.warn("the Socket Mode connection to Slack was lost; reconnecting")
    })
    this.client.on("connected", () => {
      starting.value = false
      if (lost) logger.info(recycled !== undefined ? "Socket Mode connection renewed" : "Socket Mode connection back")
      lost = false
      recycled = undefined
    })
  }

  /** Resolves on Slack's hello; fails, and stops trying, when it does not come within 30 s (a WebSocket blocked on the way). */
  override async start(): ReturnType<SocketModeReceiver["start"]> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no hello within ${helloWithinMs / 1000} s on the WebSocket to ${this.linkHost ?? "Slack"}: may this host open WebSockets to it?`)),
        helloWithinMs
      )
    })
    try {
      return await Promise.race([super.start(), late])
    } catch (error) {
      await this.stop()
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  override async stop(): Promise<void> {
    this.stopping = true
    // a reconnection under way waits on "disconnected" to reject a promise nobody handles, which ends the process
    this.client.removeAllListeners("disconnected")
    await this.client.disconnect()
  }
}
