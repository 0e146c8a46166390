import { PostgresDatabase } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "./support/cli.js"
import { type ArrivedEvent, followEvents } from "./support/liveEvents.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "alice-notify-token-0123456"
const bob = "bob-notify-token-01234567"
const tokens = `alice:requester:${alice},bob:approver:${bob}`

/** The event streams read the store only every 10 minutes unless it notifies them. */
const noPoll = { PYEXEC_EVENTS_POLL_MS: "600000" }

/**
 * Follows the run's events on `reader` while `writer` approves it, and says how long after the approval's answer
 * the `approved` transition reached the reader, with the statuses the stream brought until its end.
 */
const approvalHeard = async (writer: ServerProcess, reader: ServerProcess) => {
  const runId: string = (await api(writer.url, alice).submit({ code: 'results = {"ok": True}\n' })).body.runId
  const waiting = await api(writer.url, alice).until(runId, (status) => status === "awaiting_approval")
  let approvedAt: number | undefined
  let streamOpen: () => void = () => undefined
  const opened = new Promise<void>((resolve) => {
    streamOpen = resolve
  })
  const followed = followEvents(reader.url, runId, alice, {
    onEvent: (event: ArrivedEvent) => {
      if (event.data.toStatus === "awaiting_approval") streamOpen()
      if (event.data.toStatus === "approved") approvedAt = event.at
    }
  })
  await opened
  const approved = await api(writer.url, bob).approve(runId, waiting.codeSha256)
  expect(approved.status).toBe(200)
  const answeredAt = performance.now()
  const events = await followed
  return { delay: approvedAt! - answeredAt, statuses: events.filter((e) => e.event === "transition").map((e) => e.data.toStatus) }
}

describe("event streams hear a run's changes from the store's notifications, not a poll", () => {
  describe("two server processes on one PostgreSQL (LISTEN/NOTIFY)", () => {
    let database: PostgresDatabase.TestDatabase
    const servers: Array<ServerProcess> = []

    beforeAll(async () => {
      database = await PostgresDatabase.create()
      for (const name of ["a", "b"]) {
        const home = tempDir(`events-notify-${name}`)
        servers.push(await startServer({ ...serverEnv({ home, database: database.url, policy: "all_code", tokens }), ...noPoll }, home))
      }
    })
    afterAll(async () => {
      for (const server of servers) await server.stop()
      await database?.drop()
    })

    it("a client of server B sees the approval made on server A within a second, and the stream follows the run to its end", async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess]
      const { delay, statuses } = await approvalHeard(a, b)
      expect(delay).toBeLessThan(1000)
      expect(statuses).toEqual(["queued", "analyzing", "awaiting_approval", "approved", "executing", "succeeded"])
    })
  })

  describe("one server on the embedded PGlite (its LISTEN within the process)", () => {
    let server: ServerProcess

    beforeAll(async () => {
      const home = tempDir("events-notify-pglite")
      server = await startServer({ ...serverEnv({ home, policy: "all_code", tokens }), ...noPoll }, home)
    })
    afterAll(async () => {
      await server?.stop()
    })

    it("a client sees the approval within a second, and the stream follows the run to its end", async () => {
      const { delay, statuses } = await approvalHeard(server, server)
      expect(delay).toBeLessThan(1000)
      expect(statuses).toEqual(["queued", "analyzing", "awaiting_approval", "approved", "executing", "succeeded"])
    })
  })
})
