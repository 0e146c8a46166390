import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Redacted } from "effect"
import { type Browser, chromium, type Page } from "playwright-core"
import * as SignedLinks from "../src/http/SignedLinks.js"
import { pyexec, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "signed-links-alice-5c1e8d"
const bob = "signed-links-bob-93b0a2"
const aliceRotated = "signed-links-alice-new-47d2"

const figureCode = 'import matplotlib.pyplot as plt\nplt.plot([0, 1, 2], [3, 1, 2])\nresults = {"points": 3}\n'

/** What a browser gets for an address, asked from a page of the server itself: no Authorization header, only what the link holds. */
const fetchIn = (page: Page, url: string) =>
  page.evaluate(async (u) => {
    const r = await fetch(u)
    return { status: r.status, type: r.headers.get("content-type"), text: await r.text() }
  }, url)

describe("links to notebooks and figures that open in a browser", () => {
  let server: ServerProcess
  let browser: Browser
  let page: Page
  let home: string
  const env = (tokens: string) => serverEnv({ home, policy: "disabled", tokens })
  // biome-ignore lint/suspicious/noExplicitAny: the run views as the API sends them
  let runA: any
  // biome-ignore lint/suspicious/noExplicitAny: the run views as the API sends them
  let runB: any

  const finished = async (token: string) => {
    const calls = api(server.url, token)
    const accepted = await calls.submit({ code: figureCode })
    expect(accepted.status).toBe(202)
    await calls.until(accepted.body.runId, (s) => s === "succeeded" || s === "failed")
    return (await calls.run(accepted.body.runId)).body
  }

  beforeAll(async () => {
    home = tempDir("signed-links")
    server = await startServer(env(`alice:requester:${alice},bob:approver:${bob}`), home)
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    page = await browser.newPage()
    await page.goto(`${server.url}/`)
    runA = await finished(alice)
    runB = await finished(alice)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it("the run view's notebook and figure links open in Chromium without a token, with their content types", async () => {
    expect(runA.status).toBe("succeeded")
    const figure = runA.attempts[0].result.figures[0] as string
    expect(figure).toMatch(new RegExp(`^/api/runs/${runA.id}/attempts/1/figures/0\\?expires=\\d+&by=alice&sig=[A-Za-z0-9_-]{43}$`))

    const shown = await browser.newPage()
    const answer = await shown.goto(`${server.url}${figure}`)
    expect(answer?.status()).toBe(200)
    expect(answer?.headers()["content-type"]).toBe("image/png")
    expect(await shown.locator("img").evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100)
    await shown.close()

    // a notebook is a download: the browser saves it
    const saving = await browser.newPage()
    const [download] = await Promise.all([saving.waitForEvent("download"), saving.goto(`${server.url}${runA.notebook}`).catch(() => undefined)])
    expect(download.suggestedFilename()).toBe(`${runA.id}.ipynb`)
    const notebook = JSON.parse(fs.readFileSync((await download.path())!, "utf8"))
    expect(notebook.nbformat).toBe(4)
    expect(JSON.stringify(notebook)).toContain("image/png")
    await saving.close()

    const attempt = await fetchIn(page, runA.attempts[0].notebook)
    expect(attempt).toMatchObject({ status: 200, type: "application/x-ipynb+json" })
    expect(JSON.parse(attempt.text).nbformat).toBe(4)
  })

  it("the access log has the path without the signature", () => {
    expect(server.log()).toContain(`GET /api/runs/${runA.id}/notebook.ipynb 200`)
    expect(server.log()).not.toContain("sig=")
  })

  it("refuses a changed link with a 403 that says why: another run, another attempt, another signer, another signature, more parameters", async () => {
    const notebook = runA.attempts[0].notebook as string
    const changed = [
      notebook.replace(runA.id, runB.id),
      notebook.replace("attempt=1", "attempt=2"),
      notebook.replace("by=alice", "by=bob"),
      notebook.replace(/sig=(.)/, (_, c) => `sig=${c === "A" ? "B" : "A"}`),
      notebook.replace("&sig=", "&download=1&sig="),
      runA.attempts[0].result.figures[0].replace("/figures/0", "/figures/1")
    ]
    for (const url of changed) {
      const answer = await fetchIn(page, url)
      expect(answer.status, url).toBe(403)
      expect(JSON.parse(answer.text).error).toEqual({ type: "Forbidden", message: expect.stringContaining("signature does not match") })
    }
  })

  it("a signature opens only the file it names: not the API's other paths, not another method", async () => {
    const query = (runA.notebook as string).split("?")[1]
    for (const url of [`/api/runs?${query}`, `/api/runs/${runA.id}?${query}`, `/api/runs/${runA.id}/events?${query}`]) {
      expect((await fetchIn(page, url)).status, url).toBe(403)
    }
    const posted = await page.evaluate(async (u) => (await fetch(u, { method: "POST" })).status, `/api/runs/${runA.id}/cancel?${query}`)
    expect(posted).toBe(403)
    expect((await api(server.url, alice).run(runA.id)).body.status).toBe("succeeded")
  })

  it("refuses an expired link, and one that claims to live longer than links do", async () => {
    const signer = SignedLinks.signerOf("alice", Redacted.make(alice))
    const path = `/api/runs/${runA.id}/notebook.ipynb`
    const expired = await fetchIn(page, SignedLinks.sign(signer, path, -5))
    expect(expired.status).toBe(403)
    expect(JSON.parse(expired.text).error.message).toMatch(/^this link expired at \d{4}-\d\d-\d\dT.*: open the run again/)
    const forever = await fetchIn(page, SignedLinks.sign(signer, path, 365 * 24 * 3600))
    expect(forever.status).toBe(403)
    expect(JSON.parse(forever.text).error.message).toContain("longer than any link")
    // the same signer, within the lifetime: the scheme the test uses is the server's
    expect((await fetchIn(page, SignedLinks.sign(signer, path, 60))).status).toBe(200)
  })

  it("a link stops opening once the token it was made for is no longer configured; others' links still open", async () => {
    const bobsView = (await api(server.url, bob).run(runA.id)).body
    await server.stop()
    server = await startServer(env(`alice:requester:${aliceRotated},bob:approver:${bob}`), home)
    await page.goto(`${server.url}/`)
    const revoked = await fetchIn(page, runA.notebook)
    expect(revoked.status).toBe(403)
    expect(JSON.parse(revoked.text).error.message).toContain("no longer accepted")
    expect((await fetchIn(page, runA.attempts[0].result.figures[0])).status).toBe(403)
    expect(await fetchIn(page, bobsView.notebook)).toMatchObject({ status: 200, type: "application/x-ipynb+json" })
    expect((await fetchIn(page, (await api(server.url, aliceRotated).run(runA.id)).body.notebook)).status).toBe(200)
  })

  it("pyexec show through the server prints notebook links that open without a token", async () => {
    const shown = await pyexec(["show", runB.id], { cwd: home, env: { PYEXEC_SERVER: server.url, PYEXEC_API_TOKEN: bob, PYEXEC_HOME: path.join(home, "elsewhere") } })
    expect(shown.code, shown.stderr).toBe(0)
    const links = [...shown.stdout.matchAll(/notebook: (http\S+)/g)].map((m) => m[1]!)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) {
      expect(link.startsWith(`${server.url}/api/runs/${runB.id}/notebook.ipynb?`)).toBe(true)
      const answer = await fetch(link)
      expect(answer.status).toBe(200)
      expect(answer.headers.get("content-type")).toBe("application/x-ipynb+json")
    }
  })

  it("pyexec open --print prints the review page of a remote server's run, signed in by the token in its fragment; its download link works", async () => {
    const opened = await pyexec(["open", runB.id.slice(0, 8), "--print"], {
      cwd: home,
      env: { PYEXEC_SERVER: `${server.url}/`, PYEXEC_API_TOKEN: bob, PYEXEC_HOME: path.join(home, "elsewhere") }
    })
    expect(opened.code, opened.stderr).toBe(0)
    expect(opened.stdout).toBe(`${server.url}/runs/${runB.id}#token=${bob}\n`)
    const reviewer = await browser.newPage()
    await reviewer.goto(opened.stdout.trim())
    await reviewer.locator(`.run-title [data-status="succeeded"]`).waitFor({ timeout: 30_000 })
    expect(reviewer.url()).toBe(`${server.url}/runs/${runB.id}`)
    // the page's own download link is the view's signed link: the browser saves the notebook
    const [download] = await Promise.all([reviewer.waitForEvent("download"), reviewer.getByRole("link", { name: "Download the notebook" }).click()])
    expect(JSON.parse(fs.readFileSync((await download.path())!, "utf8")).nbformat).toBe(4)
    await reviewer.close()
  })
})

describe("pyexec open on the server of this home", () => {
  let server: ServerProcess
  let home: string
  let adminToken: string

  beforeAll(async () => {
    home = tempDir("open-local")
    const { PYEXEC_API_TOKENS: _, ...noTokens } = serverEnv({ home, policy: "disabled", tokens: "" })
    server = await startServer(noTokens, home)
    adminToken = fs.readFileSync(path.join(home, "admin-token"), "utf8").trim().split(":")[2]!
  })
  afterAll(() => server?.stop())

  it("--print gives the address serve prints, on the run's page; without it the browser gets a file only its owner reads that forwards there", async () => {
    const accepted = await api(server.url, adminToken).submit({ code: "results = {'x': 1}" })
    const runId = accepted.body.runId as string
    const printed = await pyexec(["open", runId, "--print"], { cwd: home, env: { PYEXEC_HOME: home } })
    expect(printed.code, printed.stderr).toBe(0)
    expect(printed.stdout).toBe(`${server.url}/runs/${runId}#token=${encodeURIComponent(adminToken)}\n`)
    expect(server.log()).toContain(`review page ${server.url}/#token=${encodeURIComponent(adminToken)}`)

    // a "browser" that keeps what it was given: the token is not on its command line
    const seen = path.join(home, "browser-got")
    const fakeBrowser = path.join(home, "browser.sh")
    fs.writeFileSync(fakeBrowser, `#!/bin/sh\necho "$1" > ${seen}\ncp "$1" ${seen}.html\n`, { mode: 0o755 })
    const opened = await pyexec(["open", runId], { cwd: home, env: { PYEXEC_HOME: home, BROWSER: fakeBrowser } })
    expect(opened.code, opened.stderr).toBe(0)
    for (let i = 0; i < 50 && !fs.existsSync(`${seen}.html`); i++) await new Promise((r) => setTimeout(r, 100))
    const given = fs.readFileSync(seen, "utf8").trim()
    expect(given).not.toContain(adminToken)
    expect(fs.statSync(given).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(`${seen}.html`, "utf8")).toContain(`url=${server.url}/runs/${runId}#token=${encodeURIComponent(adminToken)}`)

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    try {
      const page = await browser.newPage()
      await page.goto(`file://${given}`)
      await page.waitForURL(`${server.url}/runs/${runId}`, { timeout: 30_000 })
      await page.locator(".run-title [data-status]").waitFor({ timeout: 30_000 })
    } finally {
      await browser.close()
    }
  })
})
