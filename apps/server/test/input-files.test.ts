import { createHash } from "node:crypto"
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresDatabase, SoftIoc } from "@pyexec/testing"
import { markerFile, pyexec, sharedMarkers, tempDir, timesRun } from "./support/cli.js"
import { api, serverEnv, startServer } from "./support/server.js"

const csv = "timestamp,current_mA\n2026-03-01T10:00:00,301.5\n2026-03-01T10:01:00,300.5\n"
const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex")
const readScript = `import pandas as pd\nbeam = pd.read_csv("beam.csv")\nwith open("mode.txt") as f:\n    mode = f.read().strip()\nresults = {"mean_ma": float(beam["current_mA"].mean()), "mode": mode}\n`

/** A folder of the site's data, as PYEXEC_DATA_FOLDER names it. */
const dataFolder = () => {
  const folder = tempDir("data-folder")
  fs.writeFileSync(path.join(folder, "mode.txt"), "User beam\n")
  return folder
}

describe("input files on the CLI", () => {
  for (const executor of ["local", "container"]) {
    it(`--file and --data-file put files in the run's folder (${executor} executor); the notebook lists them with their SHA-256`, async () => {
      const cwd = tempDir(`input-files-${executor}`)
      fs.writeFileSync(path.join(cwd, "read.py"), readScript)
      fs.writeFileSync(path.join(cwd, "beam.csv"), csv)
      const env = { PYEXEC_EXECUTOR: executor, PYEXEC_DATA_FOLDER: dataFolder() }
      const { code, stdout, stderr } = await pyexec(["exec", "read.py", "--file", "beam.csv", "--data-file", "mode.txt", "--json"], { cwd, env })
      expect(code, stderr).toBe(0)
      const out = JSON.parse(stdout)
      expect(out.result.results).toEqual({ mean_ma: 301, mode: "User beam" })
      const notebook = fs.readFileSync(out.notebook, "utf8")
      expect(notebook).toContain("**Input files**")
      expect(notebook).toContain(`| \`beam.csv\` | ${csv.length} | \`${sha(csv)}\` |`)
      expect(notebook).toContain(`| \`mode.txt\` | 10 | \`${sha("User beam\n")}\` |`)
    }, 120_000)
  }

  it("refuses, in one line, a file that is missing, a data file outside the data folder, two files of one name", async () => {
    const cwd = tempDir("input-files-bad")
    fs.writeFileSync(path.join(cwd, "read.py"), readScript)
    fs.writeFileSync(path.join(cwd, "beam.csv"), csv)
    const env = { PYEXEC_DATA_FOLDER: dataFolder() }
    const missing = await pyexec(["exec", "read.py", "--file", "nope.csv"], { cwd, env })
    expect([missing.code, missing.stderr.trim()]).toEqual([3, "pyexec: cannot read nope.csv: no such file"])
    const outside = await pyexec(["exec", "read.py", "--data-file", "../beam.csv"], { cwd, env })
    expect(outside.code).toBe(3)
    expect(outside.stderr).toContain("an input file's name must be 1-100 letters")
    fs.symlinkSync(path.join(cwd, "beam.csv"), path.join(env.PYEXEC_DATA_FOLDER, "link.csv"))
    const link = await pyexec(["exec", "read.py", "--data-file", "link.csv"], { cwd, env })
    expect([link.code, link.stderr.trim()]).toEqual([3, "pyexec: data file link.csv: there is no such file in the data folder"])
    fs.mkdirSync(path.join(cwd, "other"))
    fs.writeFileSync(path.join(cwd, "other/beam.csv"), csv)
    const twice = await pyexec(["exec", "read.py", "--file", "beam.csv", "--file", "other/beam.csv"], { cwd, env })
    expect([twice.code, twice.stderr.trim()]).toEqual([3, "pyexec: two input files are named 'beam.csv': each file needs its own name"])
  }, 120_000)
})

describe("a write run's input files are the ones it was made with", () => {
  let ioc: SoftIoc.SoftIoc
  let db: PostgresDatabase.TestDatabase
  let env: Record<string, string>
  let cwd: string
  beforeAll(async () => {
    ioc = await SoftIoc.start()
    db = await PostgresDatabase.create()
    cwd = tempDir("input-files-write")
    env = { ...ioc.env, ...sharedMarkers().env, PYEXEC_DATABASE_URL: db.url }
  }, 60_000)
  afterAll(async () => {
    await ioc?.stop()
    await db?.drop()
  })

  const setFromFile = (marker: string) =>
    `from epics import caput\nwith open("setpoint.txt") as f:\n    value = float(f.read())\nopen(${JSON.stringify(marker)}, "a").write("ran\\n")\ncaput("${ioc.prefix}B", value, wait=True, timeout=5)\nresults = {"value": value}\n`

  it("a file changed on disk after the request: the approved run uses the file as it was sent", async () => {
    const marker = markerFile("changed-on-disk")
    fs.writeFileSync(path.join(cwd, "set.py"), setFromFile(marker))
    fs.writeFileSync(path.join(cwd, "setpoint.txt"), "4.5")
    const waiting = await pyexec(["exec", "set.py", "--file", "setpoint.txt", "--json"], { cwd, env })
    expect(waiting.code, waiting.stderr).toBe(2)
    const { runId } = JSON.parse(waiting.stdout)
    fs.writeFileSync(path.join(cwd, "setpoint.txt"), "66")
    const approved = await pyexec(["approve", runId, "--json"], { cwd, env })
    expect(approved.code, approved.stderr).toBe(0)
    expect(JSON.parse(approved.stdout).result.results).toEqual({ value: 4.5 })
    expect(await ioc.get(`${ioc.prefix}B`)).toBe("4.5")
  }, 120_000)

  it("a stored file changed under a waiting run: the approved code does not run", async () => {
    const marker = markerFile("changed-in-store")
    fs.writeFileSync(path.join(cwd, "set2.py"), setFromFile(marker))
    fs.writeFileSync(path.join(cwd, "setpoint.txt"), "5.5")
    const waiting = await pyexec(["exec", "set2.py", "--file", "setpoint.txt", "--json"], { cwd, env })
    expect(waiting.code, waiting.stderr).toBe(2)
    const { runId } = JSON.parse(waiting.stdout)
    const before = timesRun(marker) // the preview ran the code on the read-only path
    // someone with the database's password swaps the bytes
    execFileSync("psql", [db.url, "-c", `update input_files set content = '${Buffer.from("77").toString("base64")}' where sha256 = '${sha("5.5")}'`])
    const approved = await pyexec(["approve", runId, "--json"], { cwd, env })
    expect(approved.code).toBe(1)
    const out = JSON.parse(approved.stdout)
    expect(out.status).toBe("failed")
    expect(out.outcome.message).toBe(`the stored input file setpoint.txt is not the run's (SHA-256 ${sha("5.5")}): the code was not run`)
    expect(timesRun(marker)).toBe(before)
    expect(await ioc.get(`${ioc.prefix}B`)).toBe("4.5")
  }, 120_000)
})

describe("input files in the API", () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let alice: ReturnType<typeof api>
  beforeAll(async () => {
    const home = tempDir("input-files-api")
    server = await startServer({ ...serverEnv({ home, tokens: "alice:requester:files-alice-0123456789", policy: "disabled" }), PYEXEC_DATA_FOLDER: dataFolder() }, home)
    alice = api(server.url, "files-alice-0123456789")
  }, 60_000)
  afterAll(() => server?.stop())

  const file = (name: string, content: string | Buffer) => ({ name, content: Buffer.from(content).toString("base64") })

  it("POST /api/runs takes files as base64 and names of the data folder; the run shows them, without their bytes", async () => {
    const { status, body } = await alice.submit({ code: readScript, files: [file("beam.csv", csv)], dataFiles: ["mode.txt"] })
    expect(status).toBe(202)
    const { runId } = body as { runId: string }
    let run: { status: string; request: { inputFiles: unknown }; attempts: Array<{ result?: { results: unknown } }> } | undefined
    for (let i = 0; i < 300 && run?.status !== "succeeded" && run?.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 200))
      run = (await alice.run(runId)).body as typeof run
    }
    expect(run?.attempts[0]?.result?.results).toEqual({ mean_ma: 301, mode: "User beam" })
    expect(run?.request.inputFiles).toEqual([
      { name: "beam.csv", size: csv.length, sha256: sha(csv), firstLine: "timestamp,current_mA" },
      { name: "mode.txt", size: 10, sha256: sha("User beam\n"), firstLine: "User beam" }
    ])
  }, 120_000)

  const refused = async (fields: Record<string, unknown>, message: string) => {
    const answer = await alice.submit({ code: "results = {}\n", ...fields })
    expect(answer.status).toBe(400)
    expect((answer.body as { error: { message: string } }).error.message).toContain(message)
  }

  it("refuses too many files, a file too large, too much in all, and names that are paths or dot-files, with 400", async () => {
    await refused({ files: Array.from({ length: 17 }, (_, i) => file(`f${i}.txt`, "x")) }, "a request may carry at most 16 input files")
    await refused({ files: [file("big.bin", Buffer.alloc(8 * 1024 * 1024 + 1))] }, "is 8388609 bytes, over the limit of 8388608 (8 MiB) a file")
    const six = Buffer.alloc(6 * 1024 * 1024)
    await refused({ files: [file("a.bin", six), file("b.bin", six), file("c.bin", six)] }, "the input files take 18874368 bytes, over the limit of 16777216 (16 MiB) in all")
    for (const name of ["../etc/passwd", "data/beam.csv", ".env", ""]) await refused({ files: [file(name, "x")] }, "an input file's name must be 1-100 letters")
    await refused({ files: [file("code.py", "x")] }, "'code.py' is a name pyexec uses in the run's folder")
    await refused({ files: [file("a.csv", "x"), file("a.csv", "y")] }, "two input files are named 'a.csv'")
    await refused({ dataFiles: ["missing.csv"] }, "data file missing.csv: there is no such file in the data folder")
    await refused({ files: [{ name: "a.csv", content: "not base64!" }] }, "content")
  }, 120_000)
})
