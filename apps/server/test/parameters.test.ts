import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { pyexec, repoRoot, tempDir } from "./support/cli.js"
import { api, serverEnv, startServer } from "./support/server.js"

const script = `print(f"gain is {gain}, pvs are {pvs}")\nresults = {"gain": gain, "pvs": pvs, "label": label}\n`

/** Runs the notebook in a real kernel (nbclient), its parameters cell changed first as papermill would; its printed output. */
const rerun = (notebook: string, gain: number) =>
  new Promise<string>((resolve, reject) =>
    execFile(
      path.join(repoRoot, ".venv/bin/python"),
      [
        "-c",
        `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
cell.source = cell.source.replace("gain = 0.5", "gain = ${gain}")
NotebookClient(nb, kernel_name="python3", timeout=60).execute()
print("".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream"))
`,
        notebook
      ],
      { timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))
    )
  )

describe("request parameters", () => {
  it("--param sets values before the code runs; the notebook holds them in its parameters cell, which a kernel re-runs with others", async () => {
    const cwd = tempDir("parameters")
    fs.writeFileSync(path.join(cwd, "scan.py"), script)
    const { code, stdout, stderr } = await pyexec(["exec", "scan.py", "--param", "gain=0.5", "--param", 'pvs=["SR:Q01","SR:Q02"]', "--param", "label=first scan", "--json"], { cwd })
    expect(code, stderr).toBe(0)
    const out = JSON.parse(stdout)
    expect(out.result.results).toEqual({ gain: 0.5, pvs: ["SR:Q01", "SR:Q02"], label: "first scan" })
    const notebook = JSON.parse(fs.readFileSync(out.notebook, "utf8"))
    const parameters = notebook.cells.find((c: { id: string }) => c.id === "parameters")
    expect(parameters.metadata.tags).toEqual(["parameters"])
    expect(parameters.source.join("")).toBe('# parameters, set by pyexec from the request\ngain = 0.5\npvs = ["SR:Q01", "SR:Q02"]\nlabel = "first scan"')
    // a read-only run: no guard; the code cell is the file's code alone
    expect(notebook.cells.map((c: { id: string }) => c.id)).toEqual(["header", "parameters", "attempt-1", "attempt-1-code"])
    expect(notebook.cells.at(-1).source.join("")).toBe(script)
    expect(await rerun(out.notebook, 2)).toContain("gain is 2, pvs are ['SR:Q01', 'SR:Q02']")
  })

  it("the approval covers the values: --approve approves the code with them; a bad --param is one line", async () => {
    const cwd = tempDir("parameters-approve")
    fs.writeFileSync(path.join(cwd, "set.py"), `import epics\nepics.caput(pv, value, connection_timeout=0.5)\nresults = {"set": value}\n`)
    const waiting = await pyexec(["exec", "set.py", "--param", "pv=PARAMS:NOWHERE", "--param", "value=3", "--json"], { cwd })
    expect(waiting.code, waiting.stderr).toBe(2)
    expect(JSON.parse(waiting.stdout).status).toBe("awaiting_approval")
    const approved = await pyexec(["exec", "set.py", "--param", "pv=PARAMS:NOWHERE", "--param", "value=3", "--approve", "--json"], { cwd })
    const ran = JSON.parse(approved.stdout)
    expect(ran.status, approved.stderr).not.toBe("awaiting_approval")
    expect(ran.result.writes).toEqual([expect.objectContaining({ channel: "PARAMS:NOWHERE", value: 3 })])

    const bad = await pyexec(["exec", "set.py", "--param", "value"], { cwd })
    expect(bad.code).toBe(3)
    expect(bad.stderr).toContain("--param value: write NAME=VALUE")
    const keyword = await pyexec(["exec", "set.py", "--param", "class=1"], { cwd })
    expect(keyword.code).toBe(3)
    expect(keyword.stderr).toContain("'class' is a Python keyword")
  })

  it("the API takes them in POST /api/runs and refuses a bad name with 400", async () => {
    const home = tempDir("parameters-api")
    const server = await startServer(serverEnv({ home, tokens: "alice:requester:params-alice-0123456789", policy: "disabled" }), home)
    try {
      const alice = api(server.url, "params-alice-0123456789")
      const { runId } = (await alice.submit({ code: "results = {'twice': n * 2}\n", parameters: { n: 21 } })).body as { runId: string }
      let run: { status: string; attempts: Array<{ result?: { results: unknown } }> } | undefined
      for (let i = 0; i < 150 && run?.status !== "succeeded"; i++) {
        await new Promise((r) => setTimeout(r, 200))
        run = (await alice.run(runId)).body as typeof run
      }
      expect(run?.attempts[0]?.result?.results).toEqual({ twice: 42 })
      const refused = await alice.submit({ code: "results = {}\n", parameters: { "not a name": 1 } })
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.body)).toContain("a parameter's name must be a Python name")
    } finally {
      await server.stop()
    }
  })
})
