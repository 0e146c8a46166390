export interface Answer {
  readonly status: number
  readonly headers: Headers
  /** The JSON body, or the text when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the answers as the JSON they are
  readonly body: any
}

/** One request to the API as any client would send it; `token` goes in the Authorization header. */
export const call = async (
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}
): Promise<Answer> => {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body))
  if (payload !== undefined) headers["content-type"] ??= "application/json"
  const response = await fetch(`${url}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) })
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body }
}

/** A client bound to one server and one token. */
export const client = (url: string, token?: string) => {
  const as = (method: string, path: string, body?: unknown) => call(url, method, path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) })
  return {
    get: (path: string) => as("GET", path),
    post: (path: string, body: unknown) => as("POST", path, body),
    /** Reads the run until its status passes the test; fails after `ms`. */
    until: async (runId: string, done: (status: string) => boolean, ms = 60_000) => {
      const end = Date.now() + ms
      for (;;) {
        const { body } = await as("GET", `/api/runs/${runId}`)
        if (done(body.status)) return body
        if (Date.now() > end) throw new Error(`run ${runId} is still ${body.status} after ${ms} ms`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }
}

export interface ServerSentEvent {
  readonly id?: string
  readonly event?: string
  readonly data: string
}

/** Reads a whole text/event-stream answer (the server ends it) into its events; comments are dropped. */
export const readEvents = async (url: string, path: string, token: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })
  const text = await response.text()
  const events = text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const fields: Record<string, string> = {}
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue
        const colon = line.indexOf(":")
        fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart()
      }
      return fields as unknown as ServerSentEvent
    })
    .filter((e) => e.data !== undefined)
  return { status: response.status, contentType: response.headers.get("content-type"), events }
}
