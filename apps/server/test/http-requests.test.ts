import * as HttpApi from "@effect/platform/HttpApi"
import { FakeOllama } from "@pyexec/testing"
import { Validator } from "@seriousme/openapi-schema-validator"
import { Option, Schema, type SchemaAST } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Api } from "../src/http/Api.js"
import { tempDir } from "./support/cli.js"
import { call, client } from "./support/httpCalls.js"
import { type ServerProcess, startServer } from "./support/server.js"

const alice = "alice-requester-token-0123"
const root = "root-admin-token-012345678"

const readOnly = (n: number) => `# reading ${n}\nresults = {"n": ${n}}`
const writing = 'import epics\nepics.caput("SR:Q01:CURRENT_SP", 1.0)\nresults = {}'

describe("requests, answers and bad input", () => {
  let server: ServerProcess
  let ollama: FakeOllama.FakeOllama

  beforeAll(async () => {
    const home = tempDir("http-requests")
    ollama = await FakeOllama.start([{ content: 'Here it is:\n```python\nresults = {"answer": 42}\n```' }])
    server = await startServer(
      {
        PYEXEC_HOME: home,
        PYEXEC_EXECUTOR: "local",
        OLLAMA_HOST: ollama.url,
        PYEXEC_API_TOKENS: `alice:requester:${alice},root:admin:${root}`
      },
      home
    )
  })
  afterAll(async () => {
    await server?.stop()
    await ollama?.close()
  })

  const total = async () => (await client(server.url, root).get("/api/runs")).body.total as number

  it("answers a malformed request with 400 naming the wrong field, and stores nothing", async () => {
    const before = await total()
    const alicePosts = (body: unknown) => client(server.url, alice).post("/api/runs", body)
    const cases: Array<[unknown, string | undefined, RegExp]> = [
      [{}, "query", /a request needs a query \(to generate code\) or code/],
      [{ taskObjective: "plot it" }, "query", /needs a query/],
      [{ code: 1 }, "code", /^code: Expected string, actual 1$/],
      [{ code: "   " }, "code", /^code: must not be blank$/],
      [{ code: "results = {}", timeoutSeconds: "ten" }, "timeoutSeconds", /Expected number, actual "ten"/],
      [{ code: "results = {}", maxAttempts: 11 }, "maxAttempts", /between 1 and 10/],
      [{ code: "results = {}", executor: "mainframe" }, "executor", /^executor: must be one of local, container, ssh$/],
      // a real executor, but not the one this server runs code with: the page would show one and the code run on another
      [{ code: "results = {}", executor: "container" }, "executor", /runs code with the local executor, and the request names container/],
      [{ code: "results = {}", requester: "mallory" }, "requester", /^requester: is unexpected/],
      [{ code: "results = {}\u0000" }, "code", /NUL/],
      [[], undefined, /^the body must be a JSON object$/]
    ]
    for (const [body, field, message] of cases) {
      const answer = await alicePosts(body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.error.type).toBe("BadRequest")
      expect(answer.body.error.field).toBe(field)
      expect(answer.body.error.message).toMatch(message)
    }
    const notJson = await call(server.url, "POST", "/api/runs", { token: alice, raw: '{"code": ' })
    expect(notJson.status).toBe(400)
    expect(notJson.body.error).toEqual({ type: "BadRequest", message: "the body is not valid JSON" })
    const text = await call(server.url, "POST", "/api/runs", { token: alice, raw: "results = {}", headers: { "content-type": "text/plain" } })
    expect(text.status).toBe(400)
    expect(text.body.error.message).toMatch(/send the body as JSON/)
    const hash = await client(server.url, root).post("/api/runs/x/approve", { codeSha256: "ABC" })
    expect(hash.body.error).toMatchObject({ type: "BadRequest", field: "codeSha256", message: "codeSha256: must be a SHA-256: 64 lowercase hex digits" })
    expect(await total()).toBe(before)
  })

  it("answers bad query parameters with 400 naming the parameter", async () => {
    for (const [query, field, message] of [
      ["status=nope", "status", /^status: must be one of queued, generating, .*interrupted, cancelled$/],
      ["limit=0", "limit", /^limit: must be a whole number from 1 to 200$/],
      ["limit=abc", "limit", /whole number/],
      ["offset=-1", "offset", /whole number from 0/],
      ["requester=", "requester", /must not be blank/]
    ] as const) {
      const answer = await client(server.url, alice).get(`/api/runs?${query}`)
      expect(answer.status, query).toBe(400)
      expect(answer.body.error).toMatchObject({ type: "BadRequest", field })
      expect(answer.body.error.message).toMatch(message)
    }
    const attempt = await client(server.url, alice).get("/api/runs/x/notebook.ipynb?attempt=first")
    expect(attempt.body.error).toMatchObject({ type: "BadRequest", field: "attempt" })
  })

  it("answers 404 RunNotFound for an unknown run", async () => {
    const id = "00000000-0000-4000-8000-000000000000"
    for (const [method, route, body] of [
      ["GET", `/api/runs/${id}`, undefined],
      ["GET", `/api/runs/${id}/events`, undefined],
      ["GET", `/api/runs/${id}/notebook.ipynb`, undefined],
      ["GET", `/api/runs/${id}/attempts/1/figures/0`, undefined],
      ["POST", `/api/runs/${id}/approve`, { codeSha256: "0".repeat(64) }],
      ["POST", `/api/runs/${id}/reject`, { reason: "no" }]
    ] as const) {
      const answer = await call(server.url, method, route, { token: root, ...(body ? { body } : {}) })
      expect(answer.status, route).toBe(404)
      expect(answer.body.error).toEqual({ type: "RunNotFound", message: `no run with id ${id}` })
    }
  })

  it("runs a request in words through the model, and lists runs page by page with filters", async () => {
    const asked = await client(server.url, alice).post("/api/runs", { query: "what is the answer?", model: "qwen2.5-coder:7b" })
    expect(asked.status).toBe(202)
    const answered = await client(server.url, alice).until(asked.body.runId, (s) => s === "succeeded" || s === "failed")
    expect(answered.status).toBe("succeeded")
    expect(answered.title).toBe("what is the answer?")
    expect(answered.attempts[0]).toMatchObject({ source: "generated", model: "qwen2.5-coder:7b", code: 'results = {"answer": 42}' })
    expect(answered.attempts[0].result.results).toEqual({ answer: 42 })
    expect(ollama.chats()[0]!.messages.some((m) => m.content.includes("what is the answer?"))).toBe(true)

    const ids: Array<string> = []
    for (let n = 1; n <= 4; n++) ids.push((await client(server.url, alice).post("/api/runs", { code: readOnly(n) })).body.runId)
    const waiting = (await client(server.url, root).post("/api/runs", { code: writing })).body.runId
    await client(server.url, root).until(waiting, (s) => s === "awaiting_approval")
    for (const id of ids) await client(server.url, alice).until(id, (s) => s === "succeeded")

    const page1 = (await client(server.url, alice).get("/api/runs?limit=2")).body
    expect(page1).toMatchObject({ total: 6, limit: 2, offset: 0 })
    expect(page1.runs.map((r: { id: string }) => r.id)).toEqual([waiting, ids[3]])
    const page2 = (await client(server.url, alice).get("/api/runs?limit=2&offset=2")).body
    expect(page2.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]])
    expect(page2.runs[0]).toEqual({
      id: ids[2],
      status: "succeeded",
      requester: "alice",
      title: "reading 3",
      attempts: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String)
    })
    const last = (await client(server.url, alice).get("/api/runs?limit=2&offset=6")).body
    expect(last).toEqual({ runs: [], total: 6, limit: 2, offset: 6 })

    const byRoot = (await client(server.url, alice).get("/api/runs?requester=root")).body
    expect(byRoot).toMatchObject({ total: 1, limit: 50, runs: [{ id: waiting, requester: "root" }] })
    const awaiting = (await client(server.url, alice).get("/api/runs?status=awaiting_approval")).body
    expect(awaiting.runs.map((r: { id: string }) => r.id)).toEqual([waiting])
    const succeeded = (await client(server.url, alice).get("/api/runs?status=succeeded&requester=alice&limit=3")).body
    expect(succeeded.total).toBe(5)
    expect(succeeded.runs).toHaveLength(3)
  })

  it("answers a submit with 202 and a Location that resolves to the new run", async () => {
    const asked = await client(server.url, alice).post("/api/runs", { code: readOnly(7) })
    expect(asked.status).toBe(202)
    const location = asked.headers.get("location")
    expect(location).toBe(`/api/runs/${asked.body.runId}`)
    const run = await client(server.url, alice).get(location!)
    expect(run.status).toBe(200)
    expect(run.body).toMatchObject({ id: asked.body.runId, requester: "alice", title: "reading 7" })
    expect((await client(server.url, alice).get("/api/runs?limit=1")).headers.get("location")).toBeNull()
  })
})

describe("the review page's files and the OpenAPI document", () => {
  let server: ServerProcess

  beforeAll(async () => {
    const home = tempDir("http-static")
    server = await startServer({ PYEXEC_HOME: home, PYEXEC_API_TOKENS: `root:admin:${root}` }, home)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("serves the page at / and /runs/{id}, its files under /review/, and nothing else from disk", async () => {
    for (const route of ["/", "/runs/1234"]) {
      const page = await call(server.url, "GET", route)
      expect(page.status).toBe(200)
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
      expect(page.body).toContain("<title>pyexec review</title>")
      // no framing (an Approve button under someone else's page), nothing loaded from elsewhere, no referrer
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
      expect(page.headers.get("content-security-policy")).toContain("default-src 'none'; script-src 'self'")
      expect(page.headers.get("x-frame-options")).toBe("DENY")
      expect(page.headers.get("referrer-policy")).toBe("no-referrer")
    }
    const script = await call(server.url, "GET", "/review/app.js")
    expect(script.status).toBe(200)
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8")
    expect((await call(server.url, "GET", "/review/style.css")).headers.get("content-type")).toBe("text/css; charset=utf-8")
    const unknown = await call(server.url, "GET", "/api/nothing-here", { token: root })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toEqual({ type: "NotFound", message: "no such path: see /openapi.json" })
    for (const route of ["/review/../package.json", "/review/..%2Fpackage.json", "/review/%2e%2e%2fsrc%2fbin.ts", "/review/.hidden", "/review/missing.js", "/review/"]) {
      expect((await call(server.url, "GET", route)).status, route).toBe(404)
    }
  })

  it("publishes an OpenAPI 3.1 document that declares every status an endpoint answers with", async () => {
    const document = (await call(server.url, "GET", "/openapi.json")).body
    expect(document.openapi).toBe("3.1.0")
    const statuses = (route: string, method: string) => Object.keys(document.paths[route][method].responses).sort()
    expect(statuses("/api/runs", "post")).toEqual(["202", "400", "401", "403", "503"])
    expect(statuses("/api/runs", "get")).toEqual(["200", "400", "401", "403", "503"])
    expect(statuses("/api/runs/{id}/approve", "post")).toEqual(["200", "400", "401", "403", "404", "409", "503"])
    expect(statuses("/api/runs/{id}/reject", "post")).toEqual(["200", "400", "401", "403", "404", "409", "503"])
    expect(Object.keys(document.paths["/api/runs/{id}/events"].get.responses["200"].content)).toEqual(["text/event-stream"])
    expect(Object.keys(document.paths["/api/runs/{id}/notebook.ipynb"].get.responses["200"].content)).toEqual(["application/x-ipynb+json"])
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" })
    expect(document.components.schemas.BadRequest.properties.error.required).toEqual(["type", "message"])
  })

  it("is a valid OpenAPI 3.1 document", async () => {
    const document = (await call(server.url, "GET", "/openapi.json")).body
    const validator = new Validator()
    const result = await validator.validate(document)
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe("3.1")
  })

  it("gives every operation a summary and a description, and every answer a description of its own", async () => {
    const document = (await call(server.url, "GET", "/openapi.json")).body
    const operations = Object.entries<Record<string, Operation>>(document.paths).flatMap(([route, item]) =>
      Object.entries(item).map(([method, op]) => [`${method} ${route}`, op] as const)
    )
    expect(operations.length).toBeGreaterThanOrEqual(12)
    for (const [name, op] of operations) {
      expect(op.summary, name).toMatch(/\S/)
      expect(op.description, name).toMatch(/\S/)
      for (const [status, answer] of Object.entries(op.responses)) expect(answer.description, `${name} ${status}`).not.toMatch(/^(Success|Error)$/)
    }
    const parameters = operations.flatMap(([name, op]) => op.parameters.map((p) => [`${name} ${p.name}`, p.description] as const))
    for (const [name, description] of parameters) expect(description, name).toMatch(/\S/)
  })

  it("has examples for every JSON body, and each decodes with the API's own schema for it", async () => {
    const document = (await call(server.url, "GET", "/openapi.json")).body
    const decodes = (ast: SchemaAST.AST, example: unknown, name: string) =>
      expect(() => Schema.decodeUnknownSync(Schema.make(ast), { onExcessProperty: "error" })(example), name).not.toThrow()
    let requests = 0
    let answers = 0
    HttpApi.reflect(Api, {
      onGroup: () => {},
      onEndpoint: ({ endpoint, payloads, successes }) => {
        const op: Operation = document.paths[endpoint.path.replace(/:(\w+)/g, "{$1}")][endpoint.method.toLowerCase()]
        const name = `${endpoint.method} ${endpoint.path}`
        const payload = payloads.get("application/json")
        if (payload) {
          const examples = Object.values(op.requestBody!.content["application/json"]!.examples ?? {})
          expect(examples.length, name).toBeGreaterThan(0)
          for (const { value } of examples) decodes(payload.ast, value, name)
          requests++
        }
        for (const [status, { ast }] of successes) {
          const json = op.responses[status]!.content?.["application/json"]
          if (json === undefined || Option.isNone(ast)) continue
          expect(json.example, `${name} ${status}`).toBeDefined()
          decodes(ast.value, json.example, `${name} ${status}`)
          answers++
        }
      }
    })
    expect(requests).toBe(3) // submit, approve, reject
    expect(answers).toBe(9)
    for (const type of ["BadRequest", "Unauthorized", "Forbidden", "RunNotFound", "NotFound", "ApprovalRefused", "StoreUnavailable"]) {
      const [example] = document.components.schemas[type].examples
      expect(example.error.type).toBe(type)
      expect(example.error.message, type).toMatch(/\S/)
    }
  })

  it("declares the Location header of a 202, to the new run", async () => {
    const document = (await call(server.url, "GET", "/openapi.json")).body
    for (const route of ["/api/runs", "/api/runs/{id}/restore"]) {
      expect(document.paths[route].post.responses["202"].headers.Location).toMatchObject({ required: true, schema: { type: "string", format: "uri-reference" } })
    }
  })
})

interface Operation {
  readonly summary?: string
  readonly description?: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly description?: string }>
  readonly requestBody?: { readonly content: Record<string, { readonly examples?: Record<string, { readonly value: unknown }> }> }
  readonly responses: Record<string, { readonly description: string; readonly content?: Record<string, { readonly example?: unknown }> }>
}
