import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { HttpServer } from "@pyexec/testing"
import { errorLines, pyexec, tempDir } from "./support/cli.js"

/** Bad input: one clear line on stderr, a non-zero exit, no stack trace, nothing half-written. */
const expectOneClearLine = (result: { code: number; stderr: string }, pattern: RegExp) => {
  expect(result.code).not.toBe(0)
  const lines = errorLines(result.stderr)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

const noRuns = async (cwd: string) => JSON.parse((await pyexec(["runs", "--json"], { cwd })).stdout)

describe("bad input", () => {
  it("a missing file", async () => {
    const cwd = tempDir("missing")
    expectOneClearLine(await pyexec(["exec", "nope.py"], { cwd }), /^pyexec: cannot read nope\.py: no such file\. Pass the path of a Python file$/)
    expect(await noRuns(cwd)).toEqual([])
  })

  it("an empty file", async () => {
    const cwd = tempDir("empty")
    fs.writeFileSync(path.join(cwd, "empty.py"), "  \n\n")
    expectOneClearLine(await pyexec(["exec", "empty.py"], { cwd }), /^pyexec: empty\.py is empty: there is no code to run$/)
    expect(await noRuns(cwd)).toEqual([])
  })

  it("an executor this installation does not run code with", async () => {
    const cwd = tempDir("executor")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {'a': 1}\n")
    expectOneClearLine(
      await pyexec(["exec", "ok.py", "--executor", "container"], { cwd, env: { PYEXEC_EXECUTOR: "local" } }),
      /^pyexec: this server runs code with the local executor, and the request names container: leave `executor` out/
    )
    expect(await noRuns(cwd)).toEqual([])
  })

  it("an unknown run id", async () => {
    const cwd = tempDir("unknown")
    for (const args of [["show", "no-such-run"], ["approve", "no-such-run"], ["reject", "no-such-run", "--reason", "x"]]) {
      expectOneClearLine(await pyexec(args, { cwd }), /^pyexec: no run with id no-such-run: list runs with `pyexec runs`$/)
    }
  })

  it("approving a finished run", async () => {
    const cwd = tempDir("finished")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {'a': 1}\n")
    const { runId } = JSON.parse((await pyexec(["exec", "ok.py", "--json"], { cwd })).stdout)
    expectOneClearLine(await pyexec(["approve", runId], { cwd }), new RegExp(`^pyexec: run ${runId} is succeeded, not awaiting approval: nothing was changed$`))
  })

  it("an unreachable Ollama host is one line before any run is made", async () => {
    const cwd = tempDir("ollama")
    const host = `http://127.0.0.1:${await HttpServer.closedPort()}`
    const result = await pyexec(["ask", "mean current"], { cwd, env: { OLLAMA_HOST: host } })
    expectOneClearLine(result, new RegExp(`^pyexec: cannot reach Ollama at ${host} \\(ECONNREFUSED\\): start it with \`ollama serve\`, or set OLLAMA_HOST$`))
    expect(await noRuns(cwd)).toEqual([])
  })

  it("a corrupt .pyexec/db is reported and left as it was", async () => {
    const cwd = tempDir("corrupt")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {'a': 1}\n")
    expect((await pyexec(["exec", "ok.py"], { cwd })).code).toBe(0)
    const control = path.join(cwd, ".pyexec/db/global/pg_control")
    fs.writeFileSync(control, "garbage")
    const before = fs.readdirSync(path.join(cwd, ".pyexec/db"), { recursive: true }).length
    for (const args of [["runs"], ["exec", "ok.py"]]) {
      expectOneClearLine(await pyexec(args, { cwd }), /^pyexec: the embedded database at .*\.pyexec\/db cannot be opened .*: move it aside \(mv .*\) to start a new one, or set PYEXEC_DATABASE_URL$/)
    }
    expect(fs.readFileSync(control, "utf8")).toBe("garbage")
    expect(fs.readdirSync(path.join(cwd, ".pyexec/db"), { recursive: true }).length).toBe(before)
    expect(fs.existsSync(path.join(cwd, ".pyexec/db.lock"))).toBe(false)
  })

  it("an invalid setting fails fast with its name", async () => {
    const cwd = tempDir("config")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {}\n")
    expectOneClearLine(await pyexec(["exec", "ok.py"], { cwd, env: { PYEXEC_POLICY_MODE: "sometimes" } }), /^pyexec: configuration: .*PYEXEC_POLICY_MODE/)
  })

  it("an approval routes file that names an undefined group stops before anything runs, saying which route", async () => {
    const cwd = tempDir("routes")
    fs.writeFileSync(path.join(cwd, "ok.py"), "results = {}\n")
    fs.writeFileSync(path.join(cwd, "routes.yaml"), 'groups: {rf: [rita]}\nroutes:\n  - channels: ["SR:RF:*"]\n    group: rff\n')
    const env = { PYEXEC_APPROVAL_ROUTES: path.join(cwd, "routes.yaml") }
    expectOneClearLine(await pyexec(["exec", "ok.py"], { cwd, env }), /^pyexec: approval routes .*routes\.yaml: route 1 names group rff, which is not under groups \(rf\)$/)
    expect(await noRuns(cwd)).toEqual([])
  })
})
