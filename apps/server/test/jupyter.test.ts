import { type ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { freePort } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { chromium } from "playwright-core"
import { pyexec, repoRoot, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "jupyter-links-alice-8e21c4"
const jupyterToken = "jupyter-test-token-5d0c9a7e"

/** A real jupyter-server (PyPI, requirements-dev.txt) on a free port, serving `root`, with a token. */
const startJupyter = async (root: string) => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    path.join(repoRoot, ".venv/bin/jupyter-server"),
    [`--ServerApp.port=${port}`, "--ServerApp.ip=127.0.0.1", `--IdentityProvider.token=${jupyterToken}`, `--ServerApp.root_dir=${root}`, "--ServerApp.open_browser=False", "--allow-root"],
    { stdio: "ignore", env: { ...process.env, JUPYTER_RUNTIME_DIR: path.join(root, ".runtime"), JUPYTER_CONFIG_DIR: path.join(root, ".config") } }
  )
  const end = Date.now() + 60_000
  for (;;) {
    const up = await fetch(`${url}/api/status`, { headers: { authorization: `token ${jupyterToken}` } }).then((r) => r.ok, () => false)
    if (up) break
    if (Date.now() > end) throw new Error("jupyter-server did not start within 60 s")
    await new Promise((r) => setTimeout(r, 200))
  }
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      child.once("exit", () => done())
      child.kill("SIGTERM")
    })
  return { url, stop }
}

/** What Jupyter's contents API has at `at`. */
const contentsAt = async (jupyterUrl: string, at: string) => {
  const answer = await fetch(`${jupyterUrl}/api/contents/${at}`, { headers: { authorization: `token ${jupyterToken}` } })
  // biome-ignore lint/suspicious/noExplicitAny: the contents API's JSON as it comes
  const body: any = answer.ok ? await answer.json() : undefined
  return { status: answer.status, body }
}

describe("Open in JupyterLab, against a real jupyter-server", () => {
  let jupyter: Awaited<ReturnType<typeof startJupyter>>
  let root: string
  const servers: Array<ServerProcess> = []

  beforeAll(async () => {
    root = tempDir("jupyter-root")
    jupyter = await startJupyter(root)
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await jupyter?.stop()
  })

  const finishedRun = async (jupyterSettings: Record<string, string>) => {
    const home = tempDir("jupyter-pyexec")
    const server = await startServer({ ...serverEnv({ home, policy: "disabled", tokens: `alice:requester:${alice}` }), PYEXEC_JUPYTER_URL: `${jupyter.url}/`, ...jupyterSettings }, home)
    servers.push(server)
    const calls = api(server.url, alice)
    const runId = (await calls.submit({ code: 'results = {"beam": 1.5}\n' })).body.runId as string
    const view = await calls.until(runId, (s) => s === "succeeded")
    return { server, home, view }
  }

  it("through the contents API: the link puts the notebook at the path it names and redirects to /lab/tree/ there, without a token", async () => {
    const { server, view } = await finishedRun({ PYEXEC_JUPYTER_TOKEN: jupyterToken, PYEXEC_JUPYTER_PATH: "runs/pyexec" })
    expect(view.jupyter).toMatch(new RegExp(`^/api/runs/${view.id}/jupyter\\?expires=\\d+&by=alice&sig=`))
    expect((await contentsAt(jupyter.url, `runs/pyexec/${view.id}.ipynb`)).status).toBe(404)

    const followed = await fetch(`${server.url}${view.jupyter}`, { redirect: "manual" })
    expect(followed.status).toBe(303)
    const lab = `${jupyter.url}/lab/tree/runs/pyexec/${view.id}.ipynb`
    expect(followed.headers.get("location")).toBe(lab)

    const put = await contentsAt(jupyter.url, `runs/pyexec/${view.id}.ipynb`)
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ type: "notebook", name: `${view.id}.ipynb`, path: `runs/pyexec/${view.id}.ipynb` })
    const served = (await (await fetch(`${server.url}${view.notebook}`)).json()) as { cells: Array<{ source: string | string[] }> }
    expect(put.body.content.cells.map((c: { source: string }) => c.source)).toEqual(served.cells.map((c) => [c.source].flat().join("")))

    // a changed link is refused like any other
    expect((await fetch(`${server.url}${view.jupyter.replace("by=alice", "by=bob")}`, { redirect: "manual" })).status).toBe(403)

    // in Chromium, the link lands on the notebook's JupyterLab address (jupyter-server alone has no /lab page to show)
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    try {
      const page = await browser.newPage()
      await page.goto(`${server.url}${view.jupyter}`)
      expect(page.url()).toBe(lab)
    } finally {
      await browser.close()
    }
  })

  it("through a folder Jupyter serves: the notebook is copied there; pyexec show prints the link", async () => {
    const folder = path.join(root, "from-folder")
    const { server, home, view } = await finishedRun({ PYEXEC_JUPYTER_FOLDER: folder, PYEXEC_JUPYTER_PATH: "from-folder" })
    const shown = await pyexec(["show", view.id], { cwd: home, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: alice, PYEXEC_HOME: path.join(home, "cli") } })
    expect(shown.code, shown.stderr).toBe(0)
    const link = /^open in JupyterLab: (\S+)$/m.exec(shown.stdout)?.[1]
    expect(link).toMatch(new RegExp(`^${server.url}/api/runs/${view.id}/jupyter\\?expires=`))

    const followed = await fetch(link!, { redirect: "manual" })
    expect(followed.status).toBe(303)
    expect(followed.headers.get("location")).toBe(`${jupyter.url}/lab/tree/from-folder/${view.id}.ipynb`)
    expect(fs.existsSync(path.join(folder, `${view.id}.ipynb`))).toBe(true)
    const seen = await contentsAt(jupyter.url, `from-folder/${view.id}.ipynb`)
    expect(seen.status).toBe(200)
    expect(seen.body.content.nbformat).toBe(4)
  })

  it("without a JupyterLab configured, the view has no link and the address says what to set", async () => {
    const home = tempDir("jupyter-none")
    const server = await startServer(serverEnv({ home, policy: "disabled", tokens: `alice:requester:${alice}` }), home)
    servers.push(server)
    const calls = api(server.url, alice)
    const runId = (await calls.submit({ code: "results = {}\n" })).body.runId as string
    const view = await calls.until(runId, (s) => s === "succeeded")
    expect(view.jupyter).toBeUndefined()
    const answer = await calls.get(`/api/runs/${runId}/jupyter`)
    expect(answer.status).toBe(404)
    expect(answer.body.error.message).toContain("PYEXEC_JUPYTER_URL")
  })
})
