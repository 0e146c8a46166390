import * as fs from "node:fs"
import * as path from "node:path"
import { RunStatus } from "@pyexec/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pyexec, tempDir } from "./support/cli.js"
import { call, client } from "./support/httpCalls.js"
import { type ServerProcess, startServer } from "./support/server.js"

const alice = "alice-requester-token-0123"
const bob = "bob-approver-token-0123456"
const root = "root-admin-token-012345678"
// carol asks and approves: one name, two roles, two tokens
const carolAsks = "carol-asks-token-01234567"
const carolDecides = "carol-decides-token-012345"

describe("who may call the API", () => {
  let server: ServerProcess
  let home: string
  let runId: string
  let codeSha256: string

  beforeAll(async () => {
    home = tempDir("http-auth")
    const file = path.join(home, "tokens")
    fs.writeFileSync(file, `# people\nbob:approver:${bob}\n\n  # and a machine\nroot:admin:${root}\n`)
    server = await startServer(
      {
        PYEXEC_HOME: home,
        PYEXEC_EXECUTOR: "local",
        PYEXEC_POLICY_MODE: "all_code",
        PYEXEC_API_TOKENS: `alice:requester:${alice}, carol:requester:${carolAsks},carol:approver:${carolDecides}`,
        PYEXEC_API_TOKENS_FILE: file
      },
      home
    )
    const submitted = await client(server.url, alice).post("/api/runs", { code: 'results = {"x": 1}' })
    runId = submitted.body.runId
    codeSha256 = (await client(server.url, alice).until(runId, (s) => s === "awaiting_approval")).codeSha256
  })
  afterAll(async () => {
    await server?.stop()
  })

  const snapshot = async () => {
    const list = await client(server.url, root).get("/api/runs")
    const run = await client(server.url, root).get(`/api/runs/${runId}`)
    // the view's links are signed afresh on each read (their expiry moves on): the rest must not change
    const unsigned = JSON.stringify(run.body).replace(/expires=\d+&by=[^"&]*&sig=[^"&]*/g, "signed")
    return { total: list.body.total, run: JSON.parse(unsigned) }
  }

  it("names every caller by their token, with all the roles of that token", async () => {
    expect((await client(server.url, alice).get("/api/me")).body).toEqual({ name: "alice", roles: ["requester"] })
    expect((await client(server.url, bob).get("/api/me")).body).toEqual({ name: "bob", roles: ["approver"] })
    expect((await client(server.url, root).get("/api/me")).body).toEqual({ name: "root", roles: ["admin"] })
    expect((await client(server.url, carolDecides).get("/api/me")).body).toEqual({ name: "carol", roles: ["approver"] })
  })

  it("gives any caller the run statuses and their groups, as core defines them (the review page draws with these)", async () => {
    const { body } = await client(server.url, alice).get("/api/statuses")
    expect(body.statuses).toEqual([...RunStatus.RunStatus.literals])
    expect(body.groups).toEqual(JSON.parse(JSON.stringify(RunStatus.groups)))
    expect(body.groups.terminal).toContain("succeeded")
    expect((await call(server.url, "GET", "/api/statuses", {})).status).toBe(401)
  })

  it("answers 401 without a token or with an unknown one, and changes nothing", async () => {
    const before = await snapshot()
    for (const token of [undefined, "not-a-known-token-at-all", `${alice}x`, alice.slice(0, -1)]) {
      const tries = [
        await call(server.url, "GET", "/api/runs", token === undefined ? {} : { token }),
        await call(server.url, "GET", `/api/runs/${runId}`, token === undefined ? {} : { token }),
        await call(server.url, "POST", "/api/runs", { ...(token === undefined ? {} : { token }), body: { code: "results = {}" } }),
        await call(server.url, "POST", `/api/runs/${runId}/approve`, { ...(token === undefined ? {} : { token }), body: { codeSha256 } }),
        await call(server.url, "POST", `/api/runs/${runId}/reject`, { ...(token === undefined ? {} : { token }), body: { reason: "no" } }),
        await call(server.url, "GET", `/api/runs/${runId}/events`, token === undefined ? {} : { token })
      ]
      for (const answer of tries) {
        expect(answer.status).toBe(401)
        expect(answer.body.error.type).toBe("Unauthorized")
      }
    }
    // a malformed body is no reason to answer before knowing who calls
    expect((await call(server.url, "POST", "/api/runs", { raw: "{not json" })).status).toBe(401)
    expect(await snapshot()).toEqual(before)
  })

  it("answers 403 to a token without the role, and changes nothing", async () => {
    const before = await snapshot()
    const approve = await client(server.url, alice).post(`/api/runs/${runId}/approve`, { codeSha256 })
    expect(approve.status).toBe(403)
    expect(approve.body.error).toEqual({ type: "Forbidden", message: "alice has no approver role: ask for a token with it" })
    expect((await client(server.url, alice).post(`/api/runs/${runId}/reject`, { reason: "mine" })).status).toBe(403)
    expect((await client(server.url, carolAsks).post(`/api/runs/${runId}/approve`, { codeSha256 })).status).toBe(403)
    const submit = await client(server.url, bob).post("/api/runs", { code: "results = {}" })
    expect(submit.status).toBe(403)
    expect(submit.body.error.message).toMatch(/bob has no requester role/)
    const after = await snapshot()
    expect(after).toEqual(before)
    expect(after.run.status).toBe("awaiting_approval")
  })

  it("lets an admin do everything, and carol decide with her approver token", async () => {
    const submitted = await client(server.url, root).post("/api/runs", { code: 'results = {"by": "root"}' })
    expect(submitted.status).toBe(202)
    const waiting = await client(server.url, root).until(submitted.body.runId, (s) => s === "awaiting_approval")
    expect(waiting.requester).toBe("root")
    expect(waiting.youMayDecide).toBe(true)
    const approved = await client(server.url, carolDecides).post(`/api/runs/${runId}/approve`, { codeSha256 })
    expect(approved.status).toBe(200)
    expect((await client(server.url, carolDecides).until(runId, (s) => s === "succeeded")).attempts[0].approval.decidedBy).toBe("carol")
  })
})

describe("token configuration", () => {
  const start = (env: Record<string, string>) => pyexec(["serve", "--port", "0"], { cwd: tempDir("http-tokens"), env: { PYEXEC_HOME: tempDir("http-tokens-home"), ...env } })

  it("stops start-up with one line naming a malformed entry by its place, never its secret", async () => {
    const secret = "a-secret-that-must-not-be-printed"
    for (const [tokens, place, why] of [
      [`alice:requester:${alice},bob:boss:${secret}`, "PYEXEC_API_TOKENS entry 2", "the role must be requester, approver or admin"],
      [`alice:requester:${alice},,${secret}`, "PYEXEC_API_TOKENS entry 3", "expected name:role:token"],
      [`alice:requester:short`, "PYEXEC_API_TOKENS entry 1", "at least 16 characters"],
      [`:admin:${secret}`, "PYEXEC_API_TOKENS entry 1", "the name is empty"],
      [`alice:${secret}:requester`, "PYEXEC_API_TOKENS entry 1", "the role must be requester, approver or admin"]
    ] as const) {
      const result = await start({ PYEXEC_API_TOKENS: tokens })
      expect(result.code).toBe(3)
      const lines = result.stderr.trim().split("\n")
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(place)
      expect(lines[0]).toContain(why)
      expect(result.stderr).not.toContain(secret)
    }
  })

  it("names the line of a malformed token file, and refuses one token under two names", async () => {
    const file = path.join(tempDir("http-token-file"), "tokens")
    fs.writeFileSync(file, `# team\nalice:requester:${alice}\nbob approver ${bob}\n`)
    const result = await start({ PYEXEC_API_TOKENS_FILE: file })
    expect(result.code).toBe(3)
    expect(result.stderr.trim()).toBe(`pyexec: ${file} line 3: expected name:role:token`)
    const shared = await start({ PYEXEC_API_TOKENS: `alice:requester:${alice},bob:approver:${alice}` })
    expect(shared.code).toBe(3)
    expect(shared.stderr.trim()).toBe("pyexec: the tokens of alice and bob are the same: give each name its own")
    const missing = await start({ PYEXEC_API_TOKENS_FILE: path.join(tempDir("http-token-none"), "nope") })
    expect(missing.stderr.trim()).toMatch(/^pyexec: cannot read the token file .*nope: ENOENT$/)
  })
})
