import * as fs from "node:fs"
import * as path from "node:path"
import { HttpServer } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pyexec, tempDir } from "./support/cli.js"
import { client } from "./support/httpCalls.js"
import { type ServerProcess, startServer } from "./support/server.js"

const alice = "alice-requester-token-0123"
const bob = "bob-approver-token-0123456"

describe("the CLI against a server (PYEXEC_SERVER)", () => {
  let server: ServerProcess
  let home: string
  /** A folder of the person at the terminal: no store of their own is opened in it. */
  let elsewhere: string

  beforeAll(async () => {
    home = tempDir("http-cli-server")
    elsewhere = tempDir("http-cli-client")
    server = await startServer(
      { PYEXEC_HOME: home, PYEXEC_EXECUTOR: "local", PYEXEC_POLICY_MODE: "all_code", PYEXEC_API_TOKENS: `alice:requester:${alice},bob:approver:${bob}` },
      home
    )
  })
  afterAll(async () => {
    await server?.stop()
  })

  const asBob = (args: ReadonlyArray<string>) =>
    pyexec(args, { cwd: elsewhere, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: bob, PYEXEC_HOME: path.join(elsewhere, ".pyexec") } })

  const waiting = async (code: string) => {
    const runId: string = (await client(server.url, alice).post("/api/runs", { code })).body.runId
    return (await client(server.url, alice).until(runId, (s) => s === "awaiting_approval")) as { id: string; codeSha256: string }
  }

  it("lists, shows, approves and rejects runs on the server as the token's holder", async () => {
    const first = await waiting('# the first\nresults = {"n": 1}')
    const second = await waiting('# the second\nresults = {"n": 2}')

    const listed = await asBob(["runs", "--json"])
    expect(listed.code, listed.stderr).toBe(0)
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id)).toEqual([second.id, first.id])
    const text = await asBob(["runs", "--status", "awaiting_approval"])
    expect(text.stdout).toMatch(new RegExp(`^${second.id}  awaiting_approval .* alice  the second$`, "m"))

    const shown = await asBob(["show", first.id])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`attempt 1 (request) sha256 ${first.codeSha256}`)
    expect(shown.stdout).toContain('  2 | results = {"n": 1}')
    expect(shown.stdout).toContain(`notebook: ${server.url}/api/runs/${first.id}/notebook.ipynb?attempt=1&expires=`)

    const approved = await asBob(["approve", first.id, "--json"])
    expect(approved.code, approved.stderr).toBe(0)
    const answer = JSON.parse(approved.stdout)
    expect(answer).toMatchObject({ runId: first.id, status: "succeeded", codeSha256: first.codeSha256, result: { results: { n: 1 } } })
    expect(answer.notebook).toMatch(new RegExp(`^${server.url}/api/runs/${first.id}/notebook\\.ipynb\\?expires=\\d+&by=bob&sig=`))
    const view = (await client(server.url, alice).get(`/api/runs/${first.id}`)).body
    expect(view.attempts[0].approval.decidedBy).toBe("bob")

    const again = await asBob(["approve", first.id])
    expect(again.code).toBe(3)
    expect(again.stderr.trim()).toMatch(/^pyexec: run .* was already approved by bob at .*; it is succeeded and will not run again$/)

    const stale = await asBob(["approve", second.id, "--code-sha256", "0".repeat(64)])
    expect(stale.code).toBe(3)
    expect(stale.stderr).toMatch(/review the current code and decide again/)
    const rejected = await asBob(["reject", second.id, "--reason", "not today"])
    expect(rejected.code, rejected.stderr).toBe(0)
    expect(rejected.stdout.trim()).toBe(`run ${second.id} rejected: it will not run. rejected by bob: not today`)

    // nothing was opened or written where the CLI ran
    expect(fs.readdirSync(elsewhere)).toEqual([])
  })

  it("takes the local admin token by itself, and says so in one line when a server cannot be used", async () => {
    const localHome = tempDir("http-cli-admin")
    const local = await startServer({ PYEXEC_HOME: localHome }, localHome)
    try {
      const listed = await pyexec(["runs", "--json"], { cwd: elsewhere, env: { PYEXEC_SERVER: local.url, PYEXEC_HOME: localHome } })
      expect(listed.code, listed.stderr).toBe(0)
      expect(JSON.parse(listed.stdout)).toEqual([])
    } finally {
      await local.stop()
    }
    const down = await pyexec(["runs"], {
      cwd: elsewhere,
      env: { PYEXEC_SERVER: `http://127.0.0.1:${await HttpServer.closedPort()}`, PYEXEC_API_TOKEN: bob }
    })
    expect(down.code).toBe(3)
    expect(down.stderr.trim()).toMatch(/^pyexec: cannot reach the pyexec server at http:\/\/127\.0\.0\.1:\d+: /)
    const noToken = await pyexec(["runs"], { cwd: elsewhere, env: { PYEXEC_SERVER: server.url, PYEXEC_HOME: path.join(elsewhere, "none") } })
    expect(noToken.code).toBe(3)
    expect(noToken.stderr.trim()).toMatch(/^pyexec: PYEXEC_SERVER is set but PYEXEC_API_TOKEN is not, and there is no .*admin-token: set PYEXEC_API_TOKEN$/)
    const unknown = await pyexec(["runs"], { cwd: elsewhere, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: "not-a-token-of-this-server" } })
    expect(unknown.code).toBe(3)
    expect(unknown.stderr.trim()).toMatch(/^pyexec: this token is not known to the server/)
    const limit = await pyexec(["runs", "--limit", "500"], { cwd: elsewhere, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: bob } })
    expect(limit.stderr.trim()).toBe("pyexec: limit: must be a whole number from 1 to 200")
  })
})
