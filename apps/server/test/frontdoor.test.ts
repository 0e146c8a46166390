import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { markerFile, pyexec, spawnCli, tempDir, timesRun } from "./support/cli.js"
import { client } from "./support/httpCalls.js"
import { type ServerProcess, serverEnv, startServer } from "./support/server.js"

/** Code that appends a line to a file outside its folder: it needs approval. */
const appends = (marker: string) => `open(${JSON.stringify(marker)}, "a").write("ran\\n")\nresults = {"ok": True}\n`

/**
 * One front door: with `pyexec serve` running on the embedded database of a home, `exec`, `ask`, `runs`,
 * `approve` and the rest on the same home go through that server (found in $PYEXEC_HOME/server.json), so no
 * command waits on the database's lock, and every front end sees one set of runs.
 */
describe("the CLI on the home of a running server", () => {
  let server: ServerProcess
  let home: string
  let work: string
  let admin: ReturnType<typeof client>
  /** The server's settings without configured tokens: it accepts the local admin token, which the CLI takes. */
  const settings = () => {
    const { PYEXEC_API_TOKENS: _none, ...rest } = serverEnv({ home, tokens: "" })
    return rest
  }

  beforeAll(async () => {
    home = tempDir("frontdoor")
    work = path.join(home, "work", "sub")
    fs.mkdirSync(work, { recursive: true })
    server = await startServer(settings(), home)
    const token = fs.readFileSync(path.join(home, "admin-token"), "utf8").trim().split(":")[2]!
    admin = client(server.url, token)
  })
  afterAll(async () => {
    await server?.stop()
  })

  const cli = (args: ReadonlyArray<string>) => pyexec(args, { cwd: work, env: settings() })

  it("announces itself in the home while it serves", () => {
    const announced = JSON.parse(fs.readFileSync(path.join(home, "server.json"), "utf8"))
    expect(announced).toEqual({ url: server.url, pid: server.child.pid, localAdmin: true })
  })

  it("exec goes through the server: it runs at once (no wait on the database), as the person at the terminal, and the server lists it", async () => {
    fs.writeFileSync(path.join(work, "mean.py"), 'print("first")\nresults = {"mean": 2.5}\n')
    const result = await cli(["exec", "mean.py", "--json"])
    expect(result.code, result.stderr).toBe(0)
    const answer = JSON.parse(result.stdout)
    expect(answer).toMatchObject({ status: "succeeded", result: { results: { mean: 2.5 } } })
    expect(answer.notebook).toMatch(new RegExp(`^${server.url}/api/runs/${answer.runId}/notebook\\.ipynb\\?expires=\\d+&by=local-admin&sig=`))
    const view = (await admin.get(`/api/runs/${answer.runId}`)).body
    expect(view.request.requester).toBe("tester")
    expect(view.audit[0]).toMatchObject({ actor: "tester" })

    const listed = JSON.parse((await cli(["runs", "--json"])).stdout)
    expect(listed.map((r: { id: string }) => r.id)).toContain(answer.runId)
  })

  it("without --json, the stage lines and the code's output come from the server's event stream", async () => {
    fs.writeFileSync(path.join(work, "hello.py"), 'print("hello")\nresults = {}\n')
    const result = await cli(["exec", "hello.py"])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(/^pyexec: \[\d+\.\ds\] [0-9a-f]{8} created$/m)
    expect(result.stderr).toMatch(/^pyexec: \[\d+\.\ds\] [0-9a-f]{8} attempt 1: succeeded$/m)
    expect(result.stderr).toMatch(/^ {2}\[\d+\.\ds\] \| hello$/m)
    expect(result.stdout).toMatch(/^run [0-9a-f-]{36} succeeded/)
  })

  it("a run that needs approval waits (exit 2); approve on the same home runs it once, approved by the person at the terminal", async () => {
    const marker = markerFile("frontdoor-approve")
    fs.writeFileSync(path.join(work, "write.py"), appends(marker))
    const waiting = await cli(["exec", "write.py", "--json"])
    expect(waiting.code, waiting.stderr).toBe(2)
    const { runId } = JSON.parse(waiting.stdout)
    expect((await admin.get(`/api/runs/${runId}`)).body.status).toBe("awaiting_approval")
    expect(timesRun(marker)).toBe(0)

    const approved = await cli(["approve", runId.slice(0, 8)])
    expect(approved.code, approved.stderr).toBe(0)
    const view = (await admin.get(`/api/runs/${runId}`)).body
    expect(view.status).toBe("succeeded")
    expect(view.audit.find((a: { action: string }) => a.action === "approved")).toMatchObject({ actor: "tester" })
    expect(timesRun(marker)).toBe(1)
  })

  it("exec --approve through the server approves exactly the file's code and follows the run to its end", async () => {
    const marker = markerFile("frontdoor-preapproved")
    fs.writeFileSync(path.join(work, "write2.py"), appends(marker))
    const result = await cli(["exec", "write2.py", "--approve", "--json"])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "succeeded" })
    expect(timesRun(marker)).toBe(1)
  })

  it("Ctrl-C while following a run cancels it on the server", async () => {
    const [started, finished] = [markerFile("frontdoor-started"), markerFile("frontdoor-finished")]
    fs.writeFileSync(
      path.join(work, "slow.py"),
      `import time\nopen(${JSON.stringify(started)}, "w").write("started")\ntime.sleep(60)\nopen(${JSON.stringify(finished)}, "w").write("finished")\n`
    )
    const child = spawnCli(["exec", "slow.py", "--approve"], work, settings())
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
    for (let i = 0; i < 600 && !fs.existsSync(started); i++) await new Promise((r) => setTimeout(r, 100))
    expect(fs.existsSync(started)).toBe(true)
    child.kill("SIGINT")
    expect(await exited).toBe(130)
    const [run] = (await admin.get("/api/runs?limit=1")).body.runs
    const view = await admin.until(run.id, (status) => status === "cancelled", 15_000)
    expect(view.outcome.message).toBe("cancelled by tester: its code was stopped")
    await new Promise((r) => setTimeout(r, 1_000))
    expect(fs.existsSync(finished)).toBe(false)
  })

  it("a configured token cannot act for someone else: the header is honoured for the local admin only", async () => {
    const home2 = tempDir("frontdoor-tokens")
    const other = await startServer(serverEnv({ home: home2, tokens: "alice:requester:frontdoor-alice-5c1e9b27" }), home2)
    try {
      const response = await fetch(`${other.url}/api/runs`, {
        method: "POST",
        headers: { authorization: "Bearer frontdoor-alice-5c1e9b27", "content-type": "application/json", "x-pyexec-acting-for": "mallory" },
        body: JSON.stringify({ code: "results = {}\n" })
      })
      expect(response.status).toBe(202)
      const { runId } = (await response.json()) as { runId: string }
      const view = (await client(other.url, "frontdoor-alice-5c1e9b27").get(`/api/runs/${runId}`)).body
      expect(view.request.requester).toBe("alice")
      // without a credential for that server, the CLI on its home does not use it; with one, it does
      const announced = JSON.parse(fs.readFileSync(path.join(home2, "server.json"), "utf8"))
      expect(announced.localAdmin).toBe(false)
      const viaToken = await pyexec(["runs", "--json"], { cwd: home2, env: { PYEXEC_HOME: home2, PYEXEC_API_TOKEN: "frontdoor-alice-5c1e9b27" } })
      expect(JSON.parse(viaToken.stdout).map((r: { id: string }) => r.id)).toContain(runId)
    } finally {
      await other.stop()
    }
    expect(fs.existsSync(path.join(home2, "server.json"))).toBe(false)
  })

  it("a server that died without cleaning up is not used: the CLI opens the store itself", async () => {
    const home3 = tempDir("frontdoor-stale")
    fs.writeFileSync(path.join(home3, "server.json"), JSON.stringify({ url: "http://127.0.0.1:1", pid: 2 ** 22 + 12345, localAdmin: true }))
    fs.writeFileSync(path.join(home3, "ok.py"), "results = {}\n")
    const result = await pyexec(["exec", "ok.py", "--json"], { cwd: home3, env: { PYEXEC_HOME: home3, PYEXEC_EXECUTOR: "local" } })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).notebook).not.toMatch(/^http/)
  })
})
