import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** One call of a Web API method, with its arguments decoded (form fields that hold JSON are parsed). */
export interface SlackCall {
  readonly method: string
  readonly args: Record<string, any>
  /** The bearer token the call carried. */
  readonly token: string | undefined
}

/** A message as it stands now: its latest text and blocks after every `chat.update`. */
export interface SlackMessage {
  readonly channel: string
  readonly ts: string
  readonly threadTs: string | undefined
  readonly text: string
  readonly blocks: ReadonlyArray<any>
  /** Each version of the message, the first as posted. */
  readonly history: ReadonlyArray<{ readonly text: string; readonly blocks: ReadonlyArray<any> }>
}

/** A file uploaded with the files.uploadV2 flow: the bytes sent to the upload URL and where it was shared. */
export interface SlackUpload {
  readonly id: string
  readonly filename: string
  readonly bytes: Buffer
  readonly completed: boolean
  readonly channel: string | undefined
  readonly threadTs: string | undefined
  readonly title: string | undefined
}

export interface FakeSlackOptions {
  /** The bot token the fake accepts; any other gets `invalid_auth`, as Slack answers. */
  readonly token: string
  /** Members of user groups, by the group's ID (`S…`). */
  readonly usergroups?: Readonly<Record<string, ReadonlyArray<string>>>
  /**
   * Socket Mode (./FakeSlackSocketMode.ts): apps.connections.open takes this app-level token, and no other
   * method does; without it, apps.connections.open is refused as for an app without Socket Mode.
   */
  readonly socketMode?: { readonly appToken: string; readonly open: () => Record<string, unknown> }
}

export interface FakeSlack {
  /** The Web API base, for `slackApiUrl` (ends with `/api/`). */
  readonly apiUrl: string
  readonly url: string
  /** Every Web API call, in order. */
  readonly calls: () => ReadonlyArray<SlackCall>
  readonly callsOf: (method: string) => ReadonlyArray<SlackCall>
  /** Messages in a channel, threads included, in the order they were posted. */
  readonly messages: (channel?: string) => ReadonlyArray<SlackMessage>
  readonly message: (channel: string, ts: string) => SlackMessage | undefined
  /** Replies in the thread under a message. */
  readonly thread: (channel: string, ts: string) => ReadonlyArray<SlackMessage>
  readonly uploads: () => ReadonlyArray<SlackUpload>
  /** Bodies posted to the `response_url`s handed out by `responseUrl`. */
  readonly responses: () => ReadonlyArray<{ readonly id: string; readonly body: any }>
  /** A `response_url` on this server for a slash command or an interaction. */
  readonly responseUrl: (id: string) => string
  /** Changes a user group's members. */
  readonly setUsergroup: (id: string, users: ReadonlyArray<string>) => void
  /** While on, every Web API call is answered 503, as in an outage of Slack or of the proxy in front of it. */
  readonly outage: (on: boolean) => void
  readonly close: () => Promise<void>
}

type Answer = Record<string, unknown>

const decodeField = (value: string): unknown => {
  if (!/^[[{]/.test(value)) return value
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** Web API bodies: form-encoded (the SDKs' default, objects as JSON strings) or JSON. */
const decodeArgs = (contentType: string, raw: Buffer): Record<string, any> => {
  const text = raw.toString("utf8")
  if (contentType.startsWith("application/json")) return text ? JSON.parse(text) : {}
  const args: Record<string, any> = {}
  for (const [key, value] of new URLSearchParams(text)) args[key] = decodeField(value)
  return args
}

/** The first part's bytes of a multipart/form-data body, or the body itself. */
const fileBytes = (contentType: string, raw: Buffer): Buffer => {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType)
  if (!contentType.startsWith("multipart/form-data") || !boundary) return raw
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const start = raw.indexOf(marker)
  const headersEnd = raw.indexOf("\r\n\r\n", start)
  const end = raw.indexOf(Buffer.concat([Buffer.from("\r\n"), marker]), headersEnd)
  return raw.subarray(headersEnd + 4, end)
}

const readBody = async (request: http.IncomingMessage) => {
  const chunks: Array<Buffer> = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const send = (response: http.ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" })
  response.end(JSON.stringify(body))
}

/**
 * A local server speaking Slack's Web API wire format: `POST /api/<method>` with a form-encoded or JSON body
 * and `Authorization: Bearer <token>`, answered `{ok: true, ...}` or `{ok: false, error}` with status 200, as
 * Slack does. It keeps channels' messages (updated in place by chat.update) and the files of the
 * files.uploadV2 flow (getUploadURLExternal, the upload to the URL it hands out, completeUploadExternal).
 */
export const start = async (options: FakeSlackOptions): Promise<FakeSlack> => {
  const calls: Array<SlackCall> = []
  const messages: Array<{ channel: string; ts: string; threadTs: string | undefined; history: Array<{ text: string; blocks: Array<any> }> }> = []
  const uploads = new Map<string, { id: string; filename: string; bytes: Buffer; completed: boolean; channel?: string; threadTs?: string; title?: string }>()
  const responses: Array<{ id: string; body: any }> = []
  const usergroups = new Map(Object.entries(options.usergroups ?? {}).map(([id, users]) => [id, [...users]]))
  let counter = 0
  let baseUrl = ""
  let down = false

  const nextTs = () => {
    counter += 1
    return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, "0")}`
  }
  const view = (m: (typeof messages)[number]): SlackMessage => {
    const latest = m.history[m.history.length - 1]!
    return { channel: m.channel, ts: m.ts, threadTs: m.threadTs, text: latest.text, blocks: latest.blocks, history: m.history }
  }
  const find = (channel: string, ts: string) => messages.find((m) => m.channel === channel && m.ts === ts)

  const methods: Record<string, (args: Record<string, any>) => Answer> = {
    "auth.test": () => ({ url: "https://pyexec-test.slack.com/", team: "pyexec test", user: "pyexec", team_id: "T0TEST", user_id: "U0BOT", bot_id: "B0BOT", is_enterprise_install: false }),
    "chat.postMessage": (args) => {
      if (!args.channel) return { ok: false, error: "channel_not_found" }
      if (!args.text && !args.blocks) return { ok: false, error: "no_text" }
      const ts = nextTs()
      const entry = { channel: String(args.channel), ts, threadTs: args.thread_ts ? String(args.thread_ts) : undefined, history: [{ text: String(args.text ?? ""), blocks: args.blocks ?? [] }] }
      if (entry.threadTs && !find(entry.channel, entry.threadTs)) return { ok: false, error: "thread_not_found" }
      messages.push(entry)
      return { channel: entry.channel, ts, message: { type: "message", text: args.text ?? "", blocks: args.blocks, ts, bot_id: "B0BOT" } }
    },
    "chat.update": (args) => {
      const entry = find(String(args.channel), String(args.ts))
      if (!entry) return { ok: false, error: "message_not_found" }
      entry.history.push({ text: String(args.text ?? ""), blocks: args.blocks ?? [] })
      return { channel: entry.channel, ts: entry.ts, text: args.text ?? "", message: { text: args.text ?? "", blocks: args.blocks } }
    },
    "chat.postEphemeral": (args) => (args.channel && args.user ? { message_ts: nextTs() } : { ok: false, error: "channel_not_found" }),
    "views.open": (args) =>
      args.trigger_id && args.view ? { view: { id: `V${String(++counter).padStart(8, "0")}`, ...args.view } } : { ok: false, error: "invalid_arguments" },
    "users.info": (args) =>
      /^[UW][A-Z0-9]+$/.test(String(args.user)) ? { user: { id: args.user, name: String(args.user).toLowerCase(), real_name: `User ${args.user}` } } : { ok: false, error: "user_not_found" },
    "usergroups.users.list": (args) => {
      const users = usergroups.get(String(args.usergroup))
      return users ? { users } : { ok: false, error: "no_such_subteam" }
    },
    "files.getUploadURLExternal": (args) => {
      if (!args.filename || !args.length) return { ok: false, error: "invalid_arguments" }
      const id = `F${String(++counter).padStart(8, "0")}`
      uploads.set(id, { id, filename: String(args.filename), bytes: Buffer.alloc(0), completed: false })
      return { upload_url: `${baseUrl}/upload/${id}`, file_id: id }
    },
    "files.completeUploadExternal": (args) => {
      const files: Array<{ id: string; title?: string }> = Array.isArray(args.files) ? args.files : []
      if (files.length === 0 || files.some((f) => !uploads.get(f.id)?.bytes.length)) return { ok: false, error: "invalid_arguments" }
      for (const f of files) {
        const upload = uploads.get(f.id)!
        Object.assign(upload, { completed: true, channel: args.channel_id, threadTs: args.thread_ts, title: f.title })
      }
      return { files: files.map((f) => ({ id: f.id, title: f.title ?? uploads.get(f.id)!.filename, name: uploads.get(f.id)!.filename })) }
    }
  }

  const server = http.createServer(async (request, response) => {
    const raw = await readBody(request)
    const url = request.url ?? "/"
    const contentType = String(request.headers["content-type"] ?? "")
    if (url.startsWith("/upload/")) {
      const upload = uploads.get(url.slice("/upload/".length))
      if (!upload) return send(response, 404, { error: "unknown upload" })
      upload.bytes = fileBytes(contentType, raw)
      response.writeHead(200, { "content-type": "text/plain" })
      return response.end(`OK - ${upload.bytes.length}`)
    }
    if (url.startsWith("/respond/")) {
      responses.push({ id: url.slice("/respond/".length), body: decodeArgs(contentType, raw) })
      return send(response, 200, { ok: true })
    }
    const method = /^\/api\/([A-Za-z.]+)/.exec(url)?.[1]
    if (request.method !== "POST" || !method) return send(response, 404, { ok: false, error: "unknown_method" })
    const args = decodeArgs(contentType, raw)
    const bearer = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ""))?.[1]
    const token = bearer ?? (typeof args.token === "string" ? args.token : undefined)
    calls.push({ method, args, token })
    if (down) return send(response, 503, { ok: false, error: "service_unavailable" })
    if (token === undefined) return send(response, 200, { ok: false, error: "not_authed" })
    // an app-level token opens connections and does nothing else; a bot token cannot open them
    const appLevel = method === "apps.connections.open"
    if (token.startsWith(appLevel ? "xoxb-" : "xapp-")) return send(response, 200, { ok: false, error: "not_allowed_token_type" })
    if (token !== (appLevel ? options.socketMode?.appToken : options.token)) return send(response, 200, { ok: false, error: "invalid_auth" })
    if (appLevel) return send(response, 200, { ok: true, ...options.socketMode!.open() })
    const handle = methods[method]
    if (!handle) return send(response, 200, { ok: false, error: "unknown_method" })
    const answer = handle(args)
    return send(response, 200, answer.ok === false ? answer : { ok: true, ...answer })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    calls: () => [...calls],
    callsOf: (method) => calls.filter((c) => c.method === method),
    messages: (channel) => messages.filter((m) => channel === undefined || m.channel === channel).map(view),
    message: (channel, ts) => {
      const m = find(channel, ts)
      return m && view(m)
    },
    thread: (channel, ts) => messages.filter((m) => m.channel === channel && m.threadTs === ts).map(view),
    uploads: () =>
      [...uploads.values()].map((u) => ({ id: u.id, filename: u.filename, bytes: u.bytes, completed: u.completed, channel: u.channel, threadTs: u.threadTs, title: u.title })),
    responses: () => [...responses],
    responseUrl: (id) => `${baseUrl}/respond/${id}`,
    setUsergroup: (id, users) => void usergroups.set(id, [...users]),
    outage: (on) => {
      down = on
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
