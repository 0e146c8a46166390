import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import { PostgresDatabase } from "@pyexec/testing"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { markerFile, tempDir, timesRun } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const requester = "alice-token-0123456789"
const approver = "bob-token-0123456789"

/**
 * Code that appends a line to a file outside its work folder each time it runs, then for `seconds` appends
 * a dot to `<marker>.beat` every 0.1 s (to see whether it still runs).
 */
const countingCode = (marker: string, seconds = 0) =>
  [
    "import time",
    "import epics",
    `with open(${JSON.stringify(marker)}, "a") as f:`,
    '    f.write("ran\\n")',
    `end = time.time() + ${seconds}`,
    "while time.time() < end:",
    `    with open(${JSON.stringify(`${marker}.beat`)}, "a") as f:`,
    '        f.write(".")',
    "    time.sleep(0.1)",
    "if False:",
    '    epics.caput("SR:Q01:CURRENT_SP", 1.0)  # a write: the run gets the write profile and waits for approval',
    'results = {"done": True}'
  ].join("\n")


describe("durable runs across kill -9 of the server", () => {
  let database: PostgresDatabase.TestDatabase
  let home: string
  const servers: Array<ServerProcess> = []

  const start = async () => {
    const server = await startServer(
      {
        ...serverEnv({ home, database: database.url, tokens: `alice:requester:${requester},bob:approver:${approver}` }),
        PYEXEC_CLAIM_LEASE_SECONDS: "2"
      },
      home
    )
    servers.push(server)
    return server
  }

  beforeAll(async () => {
    database = await PostgresDatabase.create()
    home = tempDir("durability")
  })

  // A server left from an earlier test shares the database: its work loop could take a later test's run.
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill9()
  })

  afterAll(async () => {
    await database.drop()
  })

  it("a run that awaits approval survives kill -9; approved after the restart, it runs exactly once", async () => {
    const marker = markerFile("approval-survives.txt")
    const first = await start()
    const submitted = await api(first.url, requester).submit({ code: countingCode(marker) })
    expect(submitted.status).toBe(202)
    const runId = submitted.body.runId as string
    const waiting = await api(first.url, requester).until(runId, (s) => s === "awaiting_approval")
    expect(waiting.profile).toBe("write")
    await first.kill9()

    const second = await start()
    const bob = api(second.url, approver)
    expect((await bob.run(runId)).body.status).toBe("awaiting_approval")
    const approved = await bob.approve(runId, waiting.codeSha256)
    expect(approved.status).toBe(200)
    const done = await bob.until(runId, (s) => s === "succeeded")
    expect(done.attempts[0].result.results).toEqual({ done: true })
    // a second approval is refused and runs nothing
    expect((await bob.approve(runId, waiting.codeSha256)).status).toBe(409)
    await new Promise((r) => setTimeout(r, 1000))
    expect(timesRun(marker)).toBe(1)
    expect(done.history.filter((h: { toStatus: string }) => h.toStatus === "executing")).toHaveLength(1)
  })

  it("kill -9 during the execution of write code: after the restart the run is interrupted and not run again", async () => {
    const marker = markerFile("interrupted.txt")
    const first = await start()
    const submitted = await api(first.url, requester).submit({ code: countingCode(marker, 30) })
    const runId = submitted.body.runId as string
    const waiting = await api(first.url, requester).until(runId, (s) => s === "awaiting_approval")
    expect((await api(first.url, approver).approve(runId, waiting.codeSha256)).status).toBe(200)
    const deadline = Date.now() + 30_000
    while (timesRun(marker) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(timesRun(marker)).toBe(1)
    await first.kill9()
    // the code does not outlive the server that ran it
    await new Promise((r) => setTimeout(r, 1500))
    const beats = fs.statSync(`${marker}.beat`).size
    await new Promise((r) => setTimeout(r, 1000))
    // on failure, say which of pyexec's processes outlived the server
    const survivors = () => execFileSync("ps", ["-eo", "pid,ppid,pgid,args", "--forest"], { encoding: "utf8" }).split("\n").filter((l) => /pyexec|python/.test(l)).join("\n")
    expect(fs.statSync(`${marker}.beat`).size, survivors()).toBe(beats)

    const second = await start()
    const interrupted = await api(second.url, approver).until(runId, (s) => s === "interrupted", 30_000)
    expect(interrupted.outcome.message).toMatch(/not started again/)
    // well past the lease: nothing picks it up again
    await new Promise((r) => setTimeout(r, 3000))
    expect((await api(second.url, approver).run(runId)).body.status).toBe("interrupted")
    expect(timesRun(marker)).toBe(1)
  })
})

describe("two server processes on one Postgres", () => {
  let database: PostgresDatabase.TestDatabase
  const servers: Array<ServerProcess> = []

  beforeAll(async () => {
    database = await PostgresDatabase.create()
  })
  afterAll(async () => {
    for (const server of servers) await server.kill9()
    await database.drop()
  })

  it("share 50 runs submitted at once: every run is executed exactly once, none is lost", async () => {
    const home = tempDir("two-servers")
    const env = serverEnv({ home, database: database.url, policy: "disabled", tokens: `alice:requester:${requester}` })
    servers.push(await startServer(env, home), await startServer(env, home))
    const markers = Array.from({ length: 50 }, (_, i) => markerFile(`run-${i}.txt`))
    const runIds = await Promise.all(
      markers.map(async (marker, i) => {
        const { status, body } = await api(servers[i % 2]!.url, requester).submit({ code: countingCode(marker) })
        expect(status).toBe(202)
        return body.runId as string
      })
    )
    const done = await Promise.all(runIds.map((id) => api(servers[0]!.url, requester).until(id, (s) => s === "succeeded", 120_000)))
    expect(done).toHaveLength(50)
    expect(markers.map(timesRun)).toEqual(markers.map(() => 1))
  })
})
