import * as fs from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { markerFile, pyexec, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const tokens = { alice: "cancel-alice-3e9f1a7c", bob: "cancel-bob-6d2b8e40", eve: "cancel-eve-9a4c2f15" }

/** Code that says it started, sleeps, and would then leave a file behind. */
const slow = (started: string, finished: string) =>
  `import time\nopen(${JSON.stringify(started)}, "w").write("started")\ntime.sleep(60)\nopen(${JSON.stringify(finished)}, "w").write("finished")\nresults = {}\n`

describe("cancelling runs against pyexec serve", () => {
  let server: ServerProcess
  let home: string

  beforeAll(async () => {
    home = tempDir("cancel")
    const entries = `alice:requester:${tokens.alice},bob:approver:${tokens.bob},eve:requester:${tokens.eve}`
    server = await startServer(serverEnv({ home, tokens: entries }), home)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("a running run, by its requester over the API: its code is stopped at once, the run ends cancelled, the audit log says who", async () => {
    const [started, finished] = [markerFile("cancel-started"), markerFile("cancel-finished")]
    const alice = api(server.url, tokens.alice)
    const submitted = await alice.submit({ code: slow(started, finished) })
    expect(submitted.status).toBe(202)
    const runId = submitted.body.runId
    // it writes outside its folder (the markers), so a person approves it first
    const waiting = await alice.until(runId, (status) => status === "awaiting_approval")
    expect((await api(server.url, tokens.bob).approve(runId, waiting.codeSha256)).status).toBe(200)
    await alice.until(runId, (status) => status === "executing")
    for (let i = 0; i < 200 && !fs.existsSync(started); i++) await new Promise((r) => setTimeout(r, 50))
    expect(fs.existsSync(started)).toBe(true)

    const other = await api(server.url, tokens.eve).post(`/api/runs/${runId}/cancel`, {})
    expect(other.status).toBe(403)
    expect(other.body.error).toMatchObject({ type: "Forbidden", reason: "not-allowed" })

    const asked = Date.now()
    const cancelled = await alice.post(`/api/runs/${runId}/cancel`, {})
    expect(cancelled.status).toBe(200)
    expect(cancelled.body).toEqual({ runId, status: "cancelled" })
    expect(Date.now() - asked).toBeLessThan(15_000)
    const view = (await alice.run(runId)).body
    expect(view.outcome).toEqual({ reason: "cancelled", message: "cancelled by alice: its code was stopped" })
    expect(view.audit.at(-1)).toMatchObject({ actor: "alice", action: "cancelled" })
    await new Promise((r) => setTimeout(r, 1_000))
    expect(fs.existsSync(finished)).toBe(false)

    const again = await alice.post(`/api/runs/${runId}/cancel`, {})
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ reason: "ended" })
  })

  it("a run waiting for approval, with pyexec cancel against the server: it ends cancelled and approving it is refused", async () => {
    const alice = api(server.url, tokens.alice)
    const submitted = await alice.submit({ code: 'import epics\nepics.caput("SR:Q01:CURRENT_SP", 1.0)\nresults = {}\n' })
    const waiting = await alice.until(submitted.body.runId, (status) => status === "awaiting_approval")
    const cli = await pyexec(["cancel", waiting.id], { cwd: home, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: tokens.bob } })
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toContain(`run ${waiting.id} cancelled: cancelled by bob`)
    const late = await api(server.url, tokens.bob).approve(waiting.id, waiting.codeSha256)
    expect(late.status).toBe(409)
  })
})
