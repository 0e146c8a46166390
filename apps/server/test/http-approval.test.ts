import { createHash } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { markerFile, tempDir, timesRun } from "./support/cli.js"
import { call, client, readEvents } from "./support/httpCalls.js"
import { type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "alice-requester-token-0123"
const bob = "bob-approver-token-0123456"

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** Code that notes each run in a marker file and leaves one figure. */
const plotting = (marker: string) =>
  [
    "import matplotlib.pyplot as plt",
    `with open(${JSON.stringify(marker)}, "a") as f:`,
    '    f.write("ran\\n")',
    "plt.plot([1, 2, 3], [2, 4, 1])",
    'results = {"peak": 4}'
  ].join("\n")


describe("approving runs over HTTP (all code waits for approval)", () => {
  let server: ServerProcess
  let home: string

  beforeAll(async () => {
    home = tempDir("http-approval")
    server = await startServer(
      serverEnv({ home, policy: "all_code", tokens: `alice:requester:${alice},bob:approver:${bob}` }),
      home
    )
  })
  afterAll(async () => {
    await server?.stop()
  })

  const waitingRun = async (code: string) => {
    const submitted = await client(server.url, alice).post("/api/runs", { code })
    expect(submitted.status).toBe(202)
    expect(submitted.body).toEqual({ runId: expect.any(String), status: "queued" })
    const runId: string = submitted.body.runId
    return { runId, view: await client(server.url, alice).until(runId, (s) => s === "awaiting_approval") }
  }

  it("waits with findings and its code's hash, runs once approved, and serves its notebook and figure", async () => {
    const marker = markerFile("flow.txt")
    const code = plotting(marker)
    const { runId, view } = await waitingRun(code)
    expect(view.codeSha256).toBe(sha256(code))
    expect(view.attempts[0].findings.map((f: { rule: string }) => f.rule)).toContain("PY004")
    expect(view.attempts[0].findings[0]).toMatchObject({ line: 2, severity: "error", category: "file-write-outside" })
    expect(view.youMayDecide).toBe(false) // alice is no approver
    expect((await client(server.url, bob).get(`/api/runs/${runId}`)).body.youMayDecide).toBe(true)
    const events = readEvents(server.url, `/api/runs/${runId}/events`, alice)

    const approved = await client(server.url, bob).post(`/api/runs/${runId}/approve`, { codeSha256: view.codeSha256, comment: "looks right" })
    expect(approved.status).toBe(200)
    expect(approved.body).toEqual({ runId, status: "approved" })
    const done = await client(server.url, bob).until(runId, (s) => s === "succeeded")
    expect(timesRun(marker)).toBe(1)
    expect(done.attempts[0].approval).toMatchObject({ verdict: "approved", decidedBy: "bob", comment: "looks right" })
    expect(done.attempts[0].result.results).toEqual({ peak: 4 })
    expect(done.audit.some((e: { action: string; actor: string }) => e.action === "approved" && e.actor === "bob")).toBe(true)

    const [figureUrl] = done.attempts[0].result.figures
    expect(figureUrl).toMatch(new RegExp(`^/api/runs/${runId}/attempts/1/figures/0\\?expires=\\d+&by=bob&sig=`))
    const figure = await fetch(`${server.url}${figureUrl}`, { headers: { authorization: `Bearer ${alice}` } })
    expect(figure.status).toBe(200)
    expect(figure.headers.get("content-type")).toBe("image/png")
    expect(Buffer.from(await figure.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG")

    expect(done.notebook).toMatch(new RegExp(`^/api/runs/${runId}/notebook\\.ipynb\\?expires=\\d+&by=bob&sig=`))
    const notebook = await call(server.url, "GET", done.notebook, { token: alice })
    expect(notebook.status).toBe(200)
    expect(notebook.headers.get("content-type")).toBe("application/x-ipynb+json")
    expect(notebook.body.nbformat).toBe(4)
    expect(JSON.stringify(notebook.body)).toContain("image/png")
    const first = await call(server.url, "GET", done.attempts[0].notebook, { token: alice })
    expect(first.status).toBe(200)
    expect(first.body.nbformat).toBe(4)
    const missing = await call(server.url, "GET", `/api/runs/${runId}/notebook.ipynb?attempt=5`, { token: alice })
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({ type: "NotFound", message: expect.stringContaining("no attempt 5") })
    expect((await call(server.url, "GET", `/api/runs/${runId}/attempts/1/figures/3`, { token: alice })).status).toBe(404)

    // the event stream saw every transition in order, and ended after the final one
    const stream = await events
    expect(stream.status).toBe(200)
    expect(stream.contentType).toMatch(/^text\/event-stream/)
    const transitions = stream.events.map((e) => JSON.parse(e.data))
    expect(transitions.map((t) => t.seq)).toEqual(done.history.map((h: { seq: number }) => h.seq))
    expect(stream.events.map((e) => Number(e.id))).toEqual(transitions.map((t) => t.seq))
    expect(stream.events.every((e) => e.event === "transition")).toBe(true)
    expect(transitions.map((t) => t.toStatus).slice(-4)).toEqual(["awaiting_approval", "approved", "executing", "succeeded"])
    for (const [i, t] of transitions.entries()) if (i > 0) expect(t.fromStatus).toBe(transitions[i - 1].toStatus)
    // Last-Event-ID resumes after that seq; a finished run's stream ends at once
    const resumed = await readEvents(server.url, `/api/runs/${runId}/events`, alice, { "last-event-id": "2" })
    expect(resumed.events.map((e) => Number(e.id))).toEqual(transitions.map((t) => t.seq).filter((s) => s > 2))

    // a second approval changes nothing
    const again = await client(server.url, bob).post(`/api/runs/${runId}/approve`, { codeSha256: view.codeSha256 })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ type: "ApprovalRefused", reason: "already-decided" })
    expect(timesRun(marker)).toBe(1)
  })

  it("refuses an approval that names other code (409) and changes nothing", async () => {
    const marker = markerFile("stale.txt")
    const { runId, view } = await waitingRun(plotting(marker))
    const stale = await client(server.url, bob).post(`/api/runs/${runId}/approve`, { codeSha256: sha256("other code") })
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ type: "ApprovalRefused", reason: "stale-code", message: expect.stringContaining("review the current code") })
    await new Promise((r) => setTimeout(r, 500))
    const after = (await client(server.url, bob).get(`/api/runs/${runId}`)).body
    expect(after.status).toBe("awaiting_approval")
    expect(after.version).toBe(view.version)
    expect(after.history).toEqual(view.history)
    expect(timesRun(marker)).toBe(0)
  })

  it("of 10 approvals sent at once, one is applied and nine are refused; the code runs once", async () => {
    const marker = markerFile("concurrent.txt")
    const { runId, view } = await waitingRun(plotting(marker))
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client(server.url, bob).post(`/api/runs/${runId}/approve`, { codeSha256: view.codeSha256 }))
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)])
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error).toMatchObject({ type: "ApprovalRefused", reason: "already-decided" })
    }
    const done = await client(server.url, bob).until(runId, (s) => s === "succeeded")
    expect(done.history.filter((h: { toStatus: string }) => h.toStatus === "executing")).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 500))
    expect(timesRun(marker)).toBe(1)
  })

  it("rejects with a reason: the run ends and its code never runs", async () => {
    const marker = markerFile("rejected.txt")
    const { runId } = await waitingRun(plotting(marker))
    const blank = await client(server.url, bob).post(`/api/runs/${runId}/reject`, { reason: "  " })
    expect(blank.status).toBe(400)
    expect(blank.body.error).toMatchObject({ type: "BadRequest", field: "reason" })
    // code given with the request has no model to go back to
    const revise = await client(server.url, bob).post(`/api/runs/${runId}/reject`, { reason: "use Q02", revise: true })
    expect(revise.status).toBe(409)
    expect(revise.body.error).toMatchObject({ type: "ApprovalRefused", reason: "not-revisable" })
    expect((await client(server.url, alice).get(`/api/runs/${runId}`)).body.status).toBe("awaiting_approval")
    const rejected = await client(server.url, bob).post(`/api/runs/${runId}/reject`, { reason: "wrong magnet" })
    expect(rejected.status).toBe(200)
    expect(rejected.body).toEqual({ runId, status: "rejected" })
    const view = (await client(server.url, alice).get(`/api/runs/${runId}`)).body
    expect(view.outcome).toEqual({ reason: "rejected", message: "rejected by bob: wrong magnet" })
    expect(view.attempts[0].approval).toMatchObject({ verdict: "rejected", decidedBy: "bob", comment: "wrong magnet" })
    expect(view.youMayDecide).toBe(false)
    await new Promise((r) => setTimeout(r, 500))
    expect(timesRun(marker)).toBe(0)
  })
})
