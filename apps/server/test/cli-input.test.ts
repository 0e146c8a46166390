import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorLines, pyexec, repoRoot, tempDir } from "./support/cli.js"
import { client } from "./support/httpCalls.js"
import { type ServerProcess, serverEnv, startServer } from "./support/server.js"

/** Bad input: one clear line on stderr, a non-zero exit, no stack trace, nothing of the input echoed at length. */
const expectOneClearLine = (result: { code: number; stderr: string }, pattern: RegExp) => {
  expect(result.code).not.toBe(0)
  const lines = errorLines(result.stderr)
  expect(lines, result.stderr.slice(0, 2000)).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(lines[0]!.length).toBeLessThan(300)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

const noRuns = async (cwd: string) => JSON.parse((await pyexec(["runs", "--json"], { cwd })).stdout)

describe("code is checked before a run is stored", () => {
  it.each([
    ["a Latin-1 file", "latin1.py", Buffer.from('x = 1\ny = "caf\xe9"\nresults = {"y": y}\n', "latin1"), /^pyexec: latin1\.py is not UTF-8 text \(line 2\): pass a Python source file saved as UTF-8$/],
    ["a binary file", "binary.py", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0x00]), /^pyexec: binary\.py is not UTF-8 text \(line 1\)/],
    ["NUL bytes", "nul.py", Buffer.from("results = {}\n\u0000\u0001\n"), /^pyexec: nul\.py contains a NUL character \(at character 13\): pass Python source, not a binary file$/],
    [
      "a file over 1 MiB",
      "big.py",
      Buffer.from("x = 1\n".repeat(2_200_000)),
      /^pyexec: big\.py is 13200000 bytes, over the limit of 1048576 \(1 MiB\): load large data from a file instead$/
    ]
  ])("%s: one line, exit 3, no run", async (_, name, bytes, pattern) => {
    const cwd = tempDir("input")
    fs.writeFileSync(path.join(cwd, name), bytes)
    const result = await pyexec(["exec", name, "--json"], { cwd })
    expectOneClearLine(result, pattern)
    expect(result.code).toBe(3)
    expect(JSON.parse(result.stdout).error.type).toBe("CliError")
    expect(await noRuns(cwd)).toEqual([])
  })
})

describe("settings are checked at start-up, with one line that names them", () => {
  const okFile = (cwd: string) => {
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {}\n")
    return "ok.py"
  }

  it("an interpreter that is not there (PYEXEC_PYTHON)", async () => {
    const cwd = tempDir("python")
    const result = await pyexec(["exec", okFile(cwd)], { cwd, env: { PYEXEC_PYTHON: "/nonexistent" } })
    expectOneClearLine(result, /^pyexec: PYEXEC_PYTHON \(\/nonexistent\) is not an executable file: set PYEXEC_PYTHON to a Python 3 interpreter/)
    expect(result.code).toBe(3)
    expect(await noRuns(cwd)).toEqual([])
  })

  it("an interpreter that lacks what runs import: one line naming the modules and the pip command", async () => {
    const cwd = tempDir("python-bare")
    // Debian's own Python has neither numpy nor caproto
    const result = await pyexec(["exec", okFile(cwd)], { cwd, env: { PYEXEC_PYTHON: "/usr/bin/python3" } })
    expectOneClearLine(result, /^pyexec: PYEXEC_PYTHON \(\/usr\/bin\/python3\) cannot import numpy, pandas, matplotlib, caproto, p4p, which runs need: install pyexec's requirements into it \(\/usr\/bin\/python3 -m pip install -r requirements\.txt\)/)
    expect(result.code).toBe(3)
    expect(await noRuns(cwd)).toEqual([])
  })

  it("without PYEXEC_PYTHON or an active virtualenv, runs use pyexec's own .venv", async () => {
    const cwd = tempDir("python-default")
    fs.writeFileSync(path.join(cwd, "which.py"), "import sys\nresults = {'prefix': sys.prefix}\n")
    const result = await pyexec(["exec", "which.py", "--json"], { cwd, env: { VIRTUAL_ENV: "", PATH: "/usr/bin:/bin" } })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).result.results.prefix).toBe(path.join(repoRoot, ".venv"))
  })

  it("a home that cannot be made (PYEXEC_HOME), at once", async () => {
    const cwd = tempDir("home")
    for (const args of [["runs"], ["exec", okFile(cwd)]]) {
      const started = Date.now()
      const result = await pyexec(args, { cwd, env: { PYEXEC_HOME: "/proc/nope" } })
      expectOneClearLine(result, /^pyexec: PYEXEC_HOME: \/proc\/nope cannot be made or written \(\w+\): set PYEXEC_HOME to a folder you can write$/)
      expect(Date.now() - started).toBeLessThan(30_000)
    }
  })

  it.each([
    ["a closed port", "postgres://pyexec:s3cret@127.0.0.1:1/pyexec", /^pyexec: Postgres at postgres:\/\/pyexec:\*\*\*@127\.0\.0\.1:1\/pyexec could not be reached for 5 s .*PYEXEC_DATABASE_URL/],
    ["not a URL", "not a url", /^pyexec: cannot use Postgres at \(an unparseable URL\).*PYEXEC_DATABASE_URL/]
  ])("a database URL that does not work (PYEXEC_DATABASE_URL): %s, within seconds", async (_, url, pattern) => {
    const cwd = tempDir("database")
    const started = Date.now()
    const result = await pyexec(["runs"], { cwd, env: { PYEXEC_DATABASE_URL: url } })
    expectOneClearLine(result, pattern)
    expect(result.stderr).not.toContain("s3cret")
    expect(Date.now() - started).toBeLessThan(30_000)
  })

  it("a port in use (serve --port)", async () => {
    const cwd = tempDir("port")
    const taken = net.createServer()
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
    const { port } = taken.address() as net.AddressInfo
    try {
      const result = await pyexec(["serve", "--port", String(port)], { cwd })
      expectOneClearLine(result, new RegExp(`^pyexec: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use: stop what listens there, or pick another port with --port`))
    } finally {
      taken.close()
    }
  })
})

describe("short run ids", () => {
  it("the 8 characters of the progress lines work for show and approve; a start no run has is one line", async () => {
    const cwd = tempDir("prefix")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {'a': 1}\n")
    const env = { PYEXEC_POLICY_MODE: "all_code" }
    const waiting = await pyexec(["exec", "ok.py"], { cwd, env })
    expect(waiting.code).toBe(2)
    const short = /^pyexec: \[[\d.]+s\] ([0-9a-f]{8}) /m.exec(waiting.stderr)![1]!
    const shown = await pyexec(["show", short], { cwd, env })
    expect(shown.code).toBe(0)
    const runId = /^run (\S+)$/m.exec(shown.stdout)![1]!
    expect(runId.startsWith(short) && runId.length).toBe(36)
    const approved = await pyexec(["approve", short, "--json"], { cwd, env })
    expect(JSON.parse(approved.stdout)).toMatchObject({ runId, status: "succeeded" })
    expectOneClearLine(await pyexec(["show", "0000ffff"], { cwd }), /^pyexec: no run with id 0000ffff: list runs with `pyexec runs`$/)
  })
})

describe("the API checks code as the CLI does", () => {
  const token = "alice-requester-token-0123"
  let server: ServerProcess

  beforeAll(async () => {
    const home = tempDir("input-api")
    server = await startServer(serverEnv({ home, tokens: `alice:requester:${token}` }), home)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("answers NUL, a lone surrogate or code over 1 MiB with 400 field code, and stores nothing", async () => {
    const alice = client(server.url, token)
    const cases: Array<[string, RegExp]> = [
      ["results = {}\u0000", /^code: contains a NUL character/],
      ["results = {'a': '\ud800'}", /^code: is not valid Unicode text \(it has a lone surrogate\)/],
      ["x = 1\n".repeat(200_000), /^code: is 1200000 bytes, over the limit of 1048576 \(1 MiB\)/]
    ]
    for (const [code, message] of cases) {
      const answer = await alice.post("/api/runs", { code })
      expect(answer.status).toBe(400)
      expect(answer.body.error).toMatchObject({ type: "BadRequest", field: "code" })
      expect(answer.body.error.message).toMatch(message)
      expect(answer.body.error.message.length).toBeLessThan(300)
    }
    // a wrong value is named, not echoed at length
    const long = await alice.post("/api/runs", { code: "results = {}", timeoutSeconds: "1".repeat(100_000) })
    expect(long.status).toBe(400)
    expect(JSON.stringify(long.body).length).toBeLessThan(1000)
    expect((await alice.get("/api/runs")).body.total).toBe(0)
  })

  it("GET /api/runs/{id} takes the start of an id", async () => {
    const alice = client(server.url, token)
    const { runId } = (await alice.post("/api/runs", { code: "results = {}" })).body
    expect((await alice.get(`/api/runs/${runId.slice(0, 8)}`)).body.id).toBe(runId)
    expect((await alice.get("/api/runs/0000ffff")).status).toBe(404)
  })
})
