import { PrivatePostgres } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { markerFile, tempDir, timesRun } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const token = "admin-token-0123456789abcdef"

/** Appends a line to its own file each time it runs, and takes a moment. */
const code = (marker: string) =>
  `import time\nwith open(${JSON.stringify(marker)}, "a") as f:\n    f.write("ran\\n")\ntime.sleep(0.3)\nresults = {"ok": True}`


describe("PostgreSQL restarted under load", () => {
  let postgres: PrivatePostgres.PrivatePostgres
  let server: ServerProcess

  beforeAll(async () => {
    postgres = await PrivatePostgres.create()
  })
  afterAll(async () => {
    await server?.kill9()
    await postgres?.destroy()
  })

  it("loses no transition: every run finishes, each executed once, and the server recovers by itself", async () => {
    const home = tempDir("pg-restart")
    server = await startServer(
      serverEnv({ home, database: postgres.url, policy: "disabled", tokens: `admin:admin:${token}` }),
      home
    )
    const client = api(server.url, token)
    const markers = Array.from({ length: 16 }, (_, i) => markerFile(`run-${i}.txt`))
    const runIds: Array<string> = []
    for (const [i, marker] of markers.entries()) {
      const submitted = await client.submit({ code: code(marker) })
      expect(submitted.status).toBe(202)
      runIds.push(submitted.body.runId)
      // the database goes away twice while runs are moving: a fast restart, then a crash
      if (i === 5) await postgres.restart()
      if (i === 10) {
        await postgres.kill()
        await new Promise((r) => setTimeout(r, 500))
        await postgres.start()
      }
    }
    await Promise.all(runIds.map((id) => client.until(id, (s) => s === "succeeded" || s === "failed" || s === "interrupted", 120_000)))
    const views = await Promise.all(runIds.map(async (id) => (await client.run(id)).body))
    expect(views.map((v) => v.status)).toEqual(runIds.map(() => "succeeded"))
    expect(markers.map(timesRun)).toEqual(markers.map(() => 1))
    for (const view of views) {
      // every transition stored, in order, none twice
      expect(view.history.map((h: { seq: number }) => h.seq)).toEqual(view.history.map((_: unknown, i: number) => i))
      expect(view.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(["queued", "analyzing", "executing", "succeeded"])
    }
    // and it keeps serving without a restart of its own
    const after = await client.submit({ code: 'results = {"after": True}' })
    expect((await client.until(after.body.runId, (s) => s === "succeeded")).attempts[0].result.results).toEqual({ after: true })
  })
})
