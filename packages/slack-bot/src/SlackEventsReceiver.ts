import type { App, Receiver, ReceiverEvent } from "@slack/bolt"
import { verifySlackRequest } from "@slack/bolt"

/** A request to `/slack/events` as the HTTP server read it: lower-case headers and the raw body. */
export interface EventsRequest {
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/** What to answer Slack. */
export interface EventsAnswer {
  readonly status: number
  readonly contentType?: string
  readonly body: string
}

const plain = (status: number, body = ""): EventsAnswer => ({ status, contentType: "text/plain; charset=utf-8", body })

/** Slack wants an answer within 3 s; a listener that has not acknowledged by then will not be heard. */
const ackTimeoutMs = 3_000

const parseBody = (contentType: string, body: string): Record<string, any> => {
  if (contentType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(body)
    const payload = form.get("payload")
    return payload !== null ? JSON.parse(payload) : Object.fromEntries(form)
  }
  return JSON.parse(body)
}

const answerOf = (response: unknown): EventsAnswer =>
  response === undefined || response === null || response === ""
    ? plain(200)
    : typeof response === "string"
      ? plain(200, response)
      : { status: 200, contentType: "application/json; charset=utf-8", body: JSON.stringify(response) }

/**
 * Bolt's receiver for HTTP mode, mounted on the pyexec server's own HTTP server: it checks each request's
 * signature with Bolt's `verifySlackRequest` (HMAC of `v0:<timestamp>:<body>` with the signing secret, and a
 * timestamp at most 5 minutes old) and answers 401 before anything is read, then hands the body to the app and
 * answers with what the listener acknowledged.
 */
export class SlackEventsReceiver implements Receiver {
  private app: App | undefined

  constructor(
    private readonly signingSecret: string,
    private readonly warn: (message: string, error?: unknown) => void
  ) {}

  init(app: App): void {
    this.app = app
  }

  start(): Promise<void> {
    return Promise.resolve()
  }

  stop(): Promise<void> {
    return Promise.resolve()
  }

  async handle(request: EventsRequest): Promise<EventsAnswer> {
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim()
    // Slack's ssl_check carries no signature and is answered without reading anything else
    if (contentType === "application/x-www-form-urlencoded" && new URLSearchParams(request.body).get("ssl_check") === "1") return plain(200)
    try {
      verifySlackRequest({
        signingSecret: this.signingSecret,
        body: request.body,
        headers: {
          "x-slack-signature": request.headers["x-slack-signature"] ?? "",
          "x-slack-request-timestamp": Number(request.headers["x-slack-request-timestamp"])
        }
      })
    } catch (error) {
      this.warn("refused a request to /slack/events", error)
      return plain(401, "the request's Slack signature is missing, wrong or too old")
    }
    let body: Record<string, any>
    try {
      body = parseBody(contentType, request.body)
    } catch {
      return plain(400, "the body is not what Slack sends")
    }
    if (body.type === "url_verification") {
      return { status: 200, contentType: "application/json; charset=utf-8", body: JSON.stringify({ challenge: body.challenge }) }
    }
    return this.dispatch(body, request)
  }

  private dispatch(body: Record<string, any>, request: EventsRequest): Promise<EventsAnswer> {
    const app = this.app
    if (!app) return Promise.resolve(plain(503, "the Slack app is not ready"))
    return new Promise((resolve) => {
      let acked = false
      const timer = setTimeout(() => {
        if (acked) return
        acked = true
        this.warn(`no listener acknowledged a ${body.type ?? "slash command"} request within 3 s`)
        resolve(plain(404))
      }, ackTimeoutMs)
      const retryNum = request.headers["x-slack-retry-num"]
      const retryReason = request.headers["x-slack-retry-reason"]
      const event: ReceiverEvent = {
        body,
        ...(retryNum !== undefined ? { retryNum: Number(retryNum) } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
        ack: async (response: unknown) => {
          if (acked) return
          acked = true
          clearTimeout(timer)
          resolve(answerOf(response))
        }
      }
      app.processEvent(event).then(
        () => {
          if (acked) return
          acked = true
          clearTimeout(timer)
          resolve(plain(404))
        },
        (error: unknown) => {
          this.warn("a listener failed", error)
          if (acked) return
          acked = true
          clearTimeout(timer)
          resolve(plain(500))
        }
      )
    })
  }
}
