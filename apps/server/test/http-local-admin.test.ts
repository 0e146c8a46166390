import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { pyexec, tempDir } from "./support/cli.js"
import { call, client } from "./support/httpCalls.js"
import { startServer } from "./support/server.js"

const logged = async (read: () => string, pattern: RegExp) => {
  const end = Date.now() + 10_000
  while (!pattern.test(read()) && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  return read()
}

describe("a server without configured tokens", () => {
  it("writes a local admin token once (mode 0600), prints the review page's address with it, and accepts it", async () => {
    const home = tempDir("http-admin")
    const file = path.join(home, "admin-token")
    const server = await startServer({ PYEXEC_HOME: home }, home)
    let token: string
    try {
      const content = fs.readFileSync(file, "utf8")
      expect(content).toMatch(/^local-admin:admin:[A-Za-z0-9_-]{43}\n$/)
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      token = content.trim().split(":")[2]!
      const log = await logged(server.log, /review page/)
      expect(log.trim().split("\n")).toEqual([`pyexec: serving on ${server.url}`, `pyexec: review page ${server.url}/#token=${token}`])
      expect((await client(server.url, token).get("/api/me")).body).toEqual({ name: "local-admin", roles: ["admin"] })
      expect((await client(server.url, "some-other-token-0123456789").get("/api/me")).status).toBe(401)
    } finally {
      await server.stop()
    }
    // a restart keeps the token: the CLI and the open review page go on working
    const again = await startServer({ PYEXEC_HOME: home }, home)
    try {
      expect(fs.readFileSync(file, "utf8").trim()).toBe(`local-admin:admin:${token}`)
      expect((await client(again.url, token).get("/api/me")).status).toBe(200)
    } finally {
      await again.stop()
    }
  })

  it("refuses to listen on an address other than loopback, and writes no token", async () => {
    const home = tempDir("http-admin-public")
    const result = await pyexec(["serve", "--host", "0.0.0.0", "--port", "0"], { cwd: home, env: { PYEXEC_HOME: home } })
    expect(result.code).toBe(3)
    expect(result.stderr.trim()).toBe(
      "pyexec: no API tokens are configured, so the server listens on a loopback address only, not 0.0.0.0: set PYEXEC_API_TOKENS or PYEXEC_API_TOKENS_FILE"
    )
    expect(fs.existsSync(path.join(home, "admin-token"))).toBe(false)
  })

  it("with configured tokens writes no admin token and prints no token", async () => {
    const home = tempDir("http-admin-configured")
    const server = await startServer({ PYEXEC_HOME: home, PYEXEC_API_TOKENS: "root:admin:root-admin-token-012345678" }, home)
    try {
      await new Promise((r) => setTimeout(r, 300))
      expect(server.log().trim()).toBe(`pyexec: serving on ${server.url}`)
      expect(fs.existsSync(path.join(home, "admin-token"))).toBe(false)
    } finally {
      await server.stop()
    }
  })

  it("stops on SIGTERM within moments, also with an event stream open", async () => {
    const home = tempDir("http-admin-stop")
    const server = await startServer({ PYEXEC_HOME: home, PYEXEC_POLICY_MODE: "all_code" }, home)
    const token = fs.readFileSync(path.join(home, "admin-token"), "utf8").trim().split(":")[2]!
    const runId = (await client(server.url, token).post("/api/runs", { code: "results = {}" })).body.runId
    await client(server.url, token).until(runId, (s) => s === "awaiting_approval")
    const stream = await fetch(`${server.url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${token}` } })
    expect(stream.status).toBe(200)
    const started = Date.now()
    await server.stop()
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(server.child.exitCode ?? server.child.signalCode).not.toBeNull()
    await expect(call(server.url, "GET", "/api/me", { token })).rejects.toThrow()
  })
})
