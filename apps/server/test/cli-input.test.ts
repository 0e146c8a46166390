import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorLines, pyexec, tempDir } from "./support/cli.js"
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
})
