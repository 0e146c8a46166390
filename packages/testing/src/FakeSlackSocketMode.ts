import { randomUUID } from "node:crypto"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { type RawData, type WebSocket, WebSocketServer } from "ws"

export type EnvelopeType = "slash_commands" | "interactive" | "events_api"

/** Why Slack asks the app to reconnect: a routine refresh, a refresh coming soon, or Socket Mode turned off. */
export type DisconnectReason = "refresh_requested" | "warning" | "link_disabled"

/** What Slack sends over the socket for each request it would otherwise post to a Request URL. */
export interface Envelope {
  readonly envelope_id: string
  readonly type: EnvelopeType
  // biome-ignore lint/suspicious/noExplicitAny: payloads are the JSON Slack sends
  readonly payload: Record<string, any>
  readonly accepts_response_payload: boolean
  /** Events API envelopes: how often Slack sent this one before, and why. */
  readonly retry_attempt?: number
  readonly retry_reason?: string
}

/** How the delivery of one envelope ended: the app's acknowledgement (with its response payload), or none in time. */
export type Delivery =
  // biome-ignore lint/suspicious/noExplicitAny: payloads are the JSON the app sends
  | { readonly acked: true; readonly payload: Record<string, any>; readonly connection: number }
  | { readonly acked: false }

export interface SocketConnection {
  /** 1 for the first connection the app opened, then 2, … */
  readonly id: number
  /** Set once the connection ended: 1000 is the app's polite close, 1006 a TCP connection gone without a close frame. */
  readonly closed: { readonly code: number; readonly reason: string } | undefined
}

export interface DeliverOptions {
  /** How long Slack waits for the acknowledgement: 3 s. */
  readonly ackTimeoutMs?: number
}

export interface FakeSlackSocketModeOptions {
  /** The app-level token (`xapp-…`) apps.connections.open takes. */
  readonly appToken: string
  readonly appId?: string
  /** How often Slack pings each connection (the client gives up on a server silent for 30 s). */
  readonly pingIntervalMs?: number
}

export interface FakeSlackSocketMode {
  readonly appToken: string
  /** The WebSocket server's address, `ws://127.0.0.1:<port>`. */
  readonly url: string
  /** apps.connections.open's answer: a one-use `ws://` URL; for FakeSlack's `socketMode` option. */
  readonly open: () => Record<string, unknown>
  /** Every connection the app opened and was greeted on, in order. */
  readonly connections: () => ReadonlyArray<SocketConnection>
  /** Resolves once the app has been greeted on its `count`-th connection (its first is 1). */
  readonly connected: (count: number, timeoutMs?: number) => Promise<SocketConnection>
  /** Sends an envelope on the newest open connection and waits for its acknowledgement. */
  // biome-ignore lint/suspicious/noExplicitAny: payloads are the JSON Slack sends
  readonly deliver: (type: EnvelopeType, payload: Record<string, any>, options?: DeliverOptions) => Promise<Delivery>
  /**
   * Delivers what Slack would have posted to the Request URL (a form-encoded body of ./SlackRequests.ts): a
   * slash command's fields as a `slash_commands` envelope, an interaction's `payload` as an `interactive` one.
   */
  readonly deliverRequest: (body: string, options?: DeliverOptions) => Promise<Delivery>
  /** Sends `{"type": "disconnect", reason}` on every open connection, as Slack does before recycling it. */
  readonly disconnect: (reason: DisconnectReason) => void
  /** Ends every open connection's TCP connection without a close frame, as a failing network or host does. */
  readonly drop: () => void
  /** While on, WebSocket connections are refused (403), as by a proxy that does not let WebSockets through. */
  readonly block: (on: boolean) => void
  readonly close: () => Promise<void>
}

const debugInfo = (id: number) => ({ host: `applink-fake-${id}`, build_number: 1, approximate_connection_time: 18060 })

/** Slack answers apps.connections.open with a URL whose ticket works once, for one connection. */
const link = (port: number, ticket: string, appId: string) => `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${appId}`

const acceptsResponse = (type: EnvelopeType, payload: Record<string, unknown>) =>
  type === "slash_commands" || (type === "interactive" && (payload.type === "view_submission" || payload.type === "block_suggestion"))

/**
 * A local server speaking Slack's Socket Mode protocol, as @slack/socket-mode's client expects it: the app asks
 * the Web API (apps.connections.open, with its app-level token) for a WebSocket URL, connects, and is greeted
 * with `hello`; Slack then sends envelopes (`{envelope_id, type, payload, accepts_response_payload}`) and waits
 * for `{envelope_id, payload}` back, pings each connection, and may ask the app to reconnect (`disconnect`). It
 * answers the client's pings (ws' automatic pong).
 */
export const start = async (options: FakeSlackSocketModeOptions): Promise<FakeSlackSocketMode> => {
  const appId = options.appId ?? "A0PYEXEC"
  const tickets = new Set<string>()
  const open = new Map<number, WebSocket>()
  const connections: Array<{ id: number; closed: SocketConnection["closed"] }> = []
  const waiting = new Map<string, (ack: { payload: Record<string, unknown>; connection: number }) => void>()
  const greeted: Array<() => void> = []
  let blocked = false

  const server = http.createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" })
    response.end("WebSocket only")
  })
  const sockets = new WebSocketServer({ noServer: true })
  server.on("upgrade", (request, socket, head) => {
    const url = new URL(request.url ?? "/", "ws://127.0.0.1")
    const ticket = url.searchParams.get("ticket") ?? ""
    if (blocked) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n")
      return
    }
    if (url.pathname !== "/link/" || !tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n")
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => greet(ws))
  })

  const greet = (ws: WebSocket) => {
    const entry = { id: connections.length + 1, closed: undefined as SocketConnection["closed"] }
    connections.push(entry)
    open.set(entry.id, ws)
    const pings = setInterval(() => ws.ping(), options.pingIntervalMs ?? 5_000)
    ws.on("message", (data: RawData, isBinary) => {
      if (isBinary) return
      let message: { envelope_id?: unknown; payload?: unknown }
      try {
        message = JSON.parse(data.toString())
      } catch {
        return
      }
      const resolve = typeof message.envelope_id === "string" ? waiting.get(message.envelope_id) : undefined
      resolve?.({ payload: (message.payload ?? {}) as Record<string, unknown>, connection: entry.id })
    })
    ws.on("close", (code, reason) => {
      clearInterval(pings)
      open.delete(entry.id)
      entry.closed = { code, reason: reason.toString() }
    })
    ws.send(JSON.stringify({ type: "hello", num_connections: open.size, debug_info: debugInfo(entry.id), connection_info: { app_id: appId } }))
    for (const wake of greeted.splice(0)) wake()
  }

  const newest = () => [...open.values()].filter((ws) => ws.readyState === ws.OPEN).at(-1)

  const attempt = (envelope: Envelope, ackTimeoutMs: number) =>
    new Promise<{ payload: Record<string, unknown>; connection: number } | undefined>((resolve) => {
      const ws = newest()
      if (!ws) return resolve(undefined)
      const done = (ack: { payload: Record<string, unknown>; connection: number } | undefined) => {
        clearTimeout(timer)
        waiting.delete(envelope.envelope_id)
        ws.off("close", lost)
        resolve(ack)
      }
      const timer = setTimeout(() => done(undefined), ackTimeoutMs)
      const lost = () => done(undefined)
      waiting.set(envelope.envelope_id, done)
      ws.once("close", lost)
      ws.send(JSON.stringify(envelope))
    })

  const deliver: FakeSlackSocketMode["deliver"] = async (type, payload, deliverOptions = {}) => {
    const envelope: Envelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      accepts_response_payload: acceptsResponse(type, payload),
      ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {})
    }
    const ack = await attempt(envelope, deliverOptions.ackTimeoutMs ?? 3_000)
    return ack ? { acked: true, payload: ack.payload, connection: ack.connection } : { acked: false }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo

  return {
    appToken: options.appToken,
    url: `ws://127.0.0.1:${port}`,
    open: () => {
      const ticket = randomUUID()
      tickets.add(ticket)
      return { url: link(port, ticket, appId) }
    },
    connections: () => connections.map((c) => ({ id: c.id, closed: c.closed })),
    connected: async (count, timeoutMs = 30_000) => {
      const end = Date.now() + timeoutMs
      while (connections.length < count) {
        const left = end - Date.now()
        if (left <= 0) throw new Error(`the app did not open connection ${count} within ${timeoutMs} ms (it opened ${connections.length})`)
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, left)
          greeted.push(() => {
            clearTimeout(timer)
            wake()
          })
        })
      }
      const c = connections[count - 1]!
      return { id: c.id, closed: c.closed }
    },
    deliver,
    deliverRequest: (body, deliverOptions) => {
      const form = new URLSearchParams(body)
      const interaction = form.get("payload")
      return interaction !== null
        ? deliver("interactive", JSON.parse(interaction), deliverOptions)
        : deliver("slash_commands", Object.fromEntries(form), deliverOptions)
    },
    disconnect: (reason) => {
      for (const [id, ws] of open) ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: debugInfo(id).host } }))
    },
    block: (on) => {
      blocked = on
    },
    drop: () => {
      for (const ws of open.values()) ws.terminate()
    },
    close: () =>
      new Promise((resolve) => {
        for (const ws of open.values()) ws.terminate()
        sockets.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
