import { PostgresDatabase } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "./support/cli.js"
import { client, readEvents } from "./support/httpCalls.js"
import { type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "alice-requester-token-0123"
const bob = "bob-approver-token-0123456"

describe("two server processes on one PostgreSQL", () => {
  let database: PostgresDatabase.TestDatabase
  const servers: Array<ServerProcess> = []

  beforeAll(async () => {
    database = await PostgresDatabase.create()
    for (const name of ["a", "b"]) {
      const home = tempDir(`http-two-${name}`)
      servers.push(
        await startServer(
          serverEnv({ home, database: database.url, policy: "all_code", tokens: `alice:requester:${alice},bob:approver:${bob}` }),
          home
        )
      )
    }
  })
  afterAll(async () => {
    for (const server of servers) await server.stop()
    await database?.drop()
  })

  it("one server's event stream follows a run submitted and approved on the other, to its end", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const code = 'import matplotlib.pyplot as plt\nplt.plot([3, 1, 2])\nresults = {"ok": True}'
    const runId: string = (await client(a.url, alice).post("/api/runs", { code })).body.runId
    const followed = readEvents(b.url, `/api/runs/${runId}/events`, alice)
    const waiting = await client(a.url, alice).until(runId, (s) => s === "awaiting_approval")
    expect((await client(b.url, bob).post(`/api/runs/${runId}/approve`, { codeSha256: waiting.codeSha256 })).status).toBe(200)

    const stream = await followed
    const statuses = stream.events.map((e) => JSON.parse(e.data).toStatus)
    expect(statuses).toEqual(["queued", "analyzing", "awaiting_approval", "approved", "executing", "succeeded"])
    const done = (await client(a.url, alice).get(`/api/runs/${runId}`)).body
    expect(done.status).toBe("succeeded")
    expect(stream.events.map((e) => Number(e.id))).toEqual(done.history.map((h: { seq: number }) => h.seq))
    // whichever process ran it, both serve its figure and notebook from the paths stored with the run
    for (const server of [a, b]) {
      const figure = await fetch(`${server.url}${done.attempts[0].result.figures[0]}`, { headers: { authorization: `Bearer ${alice}` } })
      expect(figure.status).toBe(200)
      expect(figure.headers.get("content-type")).toBe("image/png")
      expect((await client(server.url, alice).get(done.notebook)).status).toBe(200)
    }
  })
})
