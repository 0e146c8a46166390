import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { SoftIoc } from "@pyexec/testing"
import { type Browser, chromium, type Page } from "playwright-core"
import { repoRoot, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const aliceToken = "screens-alice-5c1e0b7a"
const bobToken = "screens-bob-93d2f4e1"
const widths = [360, 768, 1280] as const
const screenshots = path.join(repoRoot, "apps/server/test-output/screenshots")

/** A figure, results, and a line far wider than a phone (it must scroll inside the code block, not the page). */
const figureCode = `# Beam current trend, with a plot
import matplotlib.pyplot as plt

samples = [300.0, 299.2, 298.5, 297.9]
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(range(len(samples)), samples, marker="o")
ax.set_title("Stored beam current")
long_name_for_a_comment = "a very long line that no phone screen is wide enough to show without scrolling sideways inside the code"
results = {"samples": len(samples), "mean_current_ma": sum(samples) / len(samples)}
`

const exactTime = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/

const statusShown = (page: Page, status: string) => page.locator(`.run-title [data-status="${status}"]`).waitFor({ timeout: 30_000 })

/** How far the page is wider than the window: 0 when nothing spills over sideways. */
const overflow = async (page: Page) => Number(await page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth"))

describe("the review page on every screen, in Chromium against pyexec serve", () => {
  let server: ServerProcess
  let browser: Browser
  let ioc: SoftIoc.SoftIoc
  const pageErrors: Array<string> = []
  let waitingWrite: { id: string; codeSha256: string }
  let finished: { id: string }

  /** alice asks for code to run; it waits for approval (PYEXEC_POLICY_MODE=all_code). */
  const waitingRun = async (code: string) => {
    const alice = api(server.url, aliceToken)
    const submitted = await alice.submit({ code })
    expect(submitted.status).toBe(202)
    return alice.until(submitted.body.runId, (status) => status === "awaiting_approval")
  }

  beforeAll(async () => {
    const home = tempDir("review-screens")
    ioc = await SoftIoc.start()
    server = await startServer({ ...serverEnv({ home, policy: "all_code", tokens: `alice:requester:${aliceToken},bob:approver:${bobToken}` }), ...ioc.env }, home)
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    const run = await waitingRun(figureCode)
    expect((await api(server.url, bobToken).approve(run.id, run.codeSha256)).status).toBe(200)
    finished = await api(server.url, aliceToken).until(run.id, (status) => status === "succeeded")
    waitingWrite = await waitingRun(`import epics\nbefore = epics.caget("${ioc.prefix}B")\nepics.caput("${ioc.prefix}B", before + 0.5, wait=True)\nresults = {"before": before}\n`)
    fs.mkdirSync(screenshots, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await ioc?.stop()
  })

  const open = async (token: string, route: string, width = 1280, options: { colorScheme?: "dark" | "light" } = {}) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: options.colorScheme ?? "light" })
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}${route}#token=${token}`)
    return page
  }

  it("the run list, a waiting write run and a finished run fit 360, 768 and 1280 px: nothing wider than the window, the key parts in view", async () => {
    for (const width of widths) {
      const list = await open(bobToken, "/", width)
      const row = list.locator(`tr[data-run-id="${waitingWrite.id}"]`)
      await row.waitFor()
      expect(await overflow(list), `run list at ${width} px`).toBeLessThanOrEqual(0)
      for (const part of ["a", "[data-status]", ".created"]) expect(await row.locator(part).isVisible(), `${part} at ${width} px`).toBe(true)
      await list.screenshot({ path: path.join(screenshots, `run-list-${width}.png`), fullPage: true })
      await list.close()

      const waiting = await open(bobToken, `/runs/${waitingWrite.id}`, width)
      await statusShown(waiting, "awaiting_approval")
      await waiting.locator(".plan tbody tr").waitFor()
      expect(await overflow(waiting), `waiting write run at ${width} px`).toBeLessThanOrEqual(0)
      for (const part of [".decision", ".plan", ".findings", ".code"]) expect(await waiting.locator(part).first().isVisible(), `${part} at ${width} px`).toBe(true)
      expect(await waiting.getByRole("button", { name: "Approve", exact: true }).isVisible()).toBe(true)
      await waiting.screenshot({ path: path.join(screenshots, `waiting-write-run-${width}.png`), fullPage: true })
      await waiting.close()

      const done = await open(bobToken, `/runs/${finished.id}`, width)
      await statusShown(done, "succeeded")
      await done.locator(".answer img.figure[src^='data:image/png']").waitFor()
      await expect.poll(() => done.evaluate("document.querySelector('.answer img.figure').naturalWidth")).toBeGreaterThan(0)
      await done.locator(".notebook .cell").first().waitFor()
      expect(await overflow(done), `finished run at ${width} px`).toBeLessThanOrEqual(0)
      // the long code line scrolls inside its block
      expect(await done.locator(".code").evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
      await done.screenshot({ path: path.join(screenshots, `finished-run-${width}.png`), fullPage: true })
      await done.close()
    }
    for (const width of widths) {
      for (const name of ["run-list", "waiting-write-run", "finished-run"]) expect(fs.statSync(path.join(screenshots, `${name}-${width}.png`)).size).toBeGreaterThan(5_000)
    }
    expect(pageErrors).toEqual([])
  })

  it("on a finished run the answer comes first: its results and figure above the code and the notebooks, whose headers read as history", async () => {
    const page = await open(aliceToken, `/runs/${finished.id}`, 360)
    await statusShown(page, "succeeded")
    const answer = page.locator(".answer")
    await answer.locator("img.figure").waitFor()
    expect(await answer.textContent()).toContain("mean_current_ma")
    expect(await answer.textContent()).toContain("298.9")
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y
    await page.locator(".notebooks").waitFor()
    expect(await top(".answer")).toBeLessThan(await top(".code-card"))
    expect(await top(".answer")).toBeLessThan(await top(".notebooks"))
    expect(await top(".answer")).toBeLessThan(await top(".request"))
    // the attempt notebook says what the run was when it was written; the run's status now is the page's
    const header = page.locator(".notebook-header").first()
    await header.waitFor()
    expect(await header.locator(".written-when").textContent()).toMatch(/^Written when the run was [a-z ]+; what follows is as it was then\.$/)
    expect(await page.locator(".run-title [data-status]").textContent()).toBe("succeeded")
    expect(pageErrors).toEqual([])
  })

  it("every time on the page is written one way, with its zone: the audit log, the status history, the run's facts", async () => {
    const page = await open(aliceToken, `/runs/${finished.id}`)
    await statusShown(page, "succeeded")
    const exact = await page.locator("time:not([data-age]):not([data-until])").allTextContents()
    expect(exact.length).toBeGreaterThan(5)
    for (const text of exact) expect(text).toMatch(exactTime)
    for (const title of await page.locator("time[data-age]").evaluateAll((els) => els.map((el) => el.getAttribute("title")))) expect(title).toMatch(exactTime)
    // the audit log's first entry, at the time the API gives
    const run = (await api(server.url, aliceToken).run(finished.id)).body
    const first = run.audit[0].at as string
    expect(await page.locator(".audit time").first().textContent()).toBe(`${first.slice(0, 10)} ${first.slice(11, 19)} UTC`)
    expect(pageErrors).toEqual([])
  })

  it("follows the system's dark setting", async () => {
    const background = async (page: Page) => String(await page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
    const light = await open(bobToken, "/", 768)
    await light.locator("tr.run-row").first().waitFor()
    expect(await background(light)).toBe("rgb(246, 247, 249)")
    await light.emulateMedia({ colorScheme: "dark" })
    expect(await background(light)).toBe("rgb(15, 20, 26)")
    const dark = await open(bobToken, `/runs/${finished.id}`, 360, { colorScheme: "dark" })
    await statusShown(dark, "succeeded")
    expect(await dark.evaluate("getComputedStyle(document.querySelector('.card')).backgroundColor")).toBe("rgb(23, 29, 37)")
    await dark.screenshot({ path: path.join(screenshots, "finished-run-360-dark.png"), fullPage: true })
    expect(pageErrors).toEqual([])
  })

  it("a pasted #token= link signs in a tab that has the page open already", async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 900 } })
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}/`)
    await page.locator(".token-form").waitFor()
    await page.evaluate("document.documentElement.dataset.sameDocument = 'yes'")
    await page.goto(`${server.url}/#token=${bobToken}`)
    await page.locator(".who .me").waitFor()
    expect(await page.locator(".who .me").textContent()).toBe("bob")
    expect(await page.evaluate("document.documentElement.dataset.sameDocument"), "signed in without a new page load").toBe("yes")
    expect(page.url()).toBe(`${server.url}/`)
    await page.locator("tr.run-row").first().waitFor()
    expect(pageErrors).toEqual([])
  })

  it("renders a notebook's markdown with marked, sanitized by DOMPurify, and highlights Python with highlight.js", async () => {
    const alice = api(server.url, aliceToken)
    const objective = 'Check <img src="x" onerror="window.pwned = 1"> and <script>window.pwned = 2</script> **carefully**, `Q01` first'
    const code = '"""A docstring\nover two lines"""\nimport math\nresults = {"pi": math.pi}  # done\n'
    const submitted = await alice.submit({ code, taskObjective: objective })
    const run = await alice.until(submitted.body.runId, (status) => status === "awaiting_approval")
    const page = await open(bobToken, `/runs/${run.id}`)
    await statusShown(page, "awaiting_approval")
    const header = page.locator(".notebook-header")
    await header.waitFor()
    expect(await header.locator("strong", { hasText: "carefully" }).count()).toBe(1)
    expect(await header.locator("code", { hasText: "Q01" }).count()).toBe(1)
    expect(await page.locator(".notebook img, .notebook script, .notebook [onerror]").count()).toBe(0)
    expect(await page.evaluate("window.pwned")).toBeUndefined()
    expect(await header.locator(".md-heading").first().evaluate((el) => el.tagName)).toBe("H3")

    // a string over two lines is a string on each; keywords and comments are marked
    for (const line of [1, 2]) expect(await page.locator(`#a1-L${line} .hljs-string`).count()).toBe(1)
    expect(await page.locator("#a1-L3 .hljs-keyword").textContent()).toBe("import")
    expect(await page.locator("#a1-L4 .hljs-comment").textContent()).toBe("# done")
    expect(await page.locator("#a1-L4 .src").textContent()).toBe('results = {"pi": math.pi}  # done')
    expect(pageErrors).toEqual([])
  })

  it("keys a and r open the approve and reject dialogs; nothing is decided until Enter confirms, Escape cancels", async () => {
    const run = await waitingRun('results = {"keys": True}\n')
    const bob = api(server.url, bobToken)
    const statusNow = async () => (await bob.run(run.id)).body.status
    const page = await open(bobToken, `/runs/${run.id}`)
    await statusShown(page, "awaiting_approval")
    // the keys act once the page knows the viewer may decide: its Approve button is there
    await page.locator(".decision-actions button.approve").waitFor()
    const dialog = page.locator("dialog[open]")
    /**
     * A key, pressed again while no dialog opens within 3 s: under CI's load a key pressed while the page re-rendered
     * from its event stream opened nothing once (c6). Once a dialog is open the page takes no more shortcuts.
     */
    const press = async (key: string) => {
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press(key)
        if (await dialog.waitFor({ timeout: 3000 }).then(() => true, () => false)) return
      }
    }

    await press("r")
    expect(await dialog.locator("h2").textContent()).toBe("Reject this run?")
    await page.keyboard.press("Escape")
    await dialog.waitFor({ state: "detached" })

    await press("a")
    expect(await dialog.locator("h2").textContent()).toBe("Approve and run this code?")
    expect(await dialog.textContent()).toContain(run.codeSha256)
    await page.keyboard.press("Escape")
    await dialog.waitFor({ state: "detached" })
    expect(await statusNow()).toBe("awaiting_approval")

    // a key typed into the comment is text, not another command
    await press("a")
    await page.keyboard.type("a ok, checked")
    expect(await page.locator("dialog").count()).toBe(1)
    expect(await dialog.locator("textarea").inputValue()).toBe("a ok, checked")
    expect(await statusNow()).toBe("awaiting_approval")
    await page.keyboard.press("Enter")
    await page.locator(".run-title [data-status]:not([data-status='awaiting_approval'])").waitFor()
    const decided = (await bob.run(run.id)).body
    expect(decided.attempts[0].approval.decidedBy).toBe("bob")
    expect(decided.attempts[0].approval.comment).toBe("a ok, checked")
    expect(pageErrors).toEqual([])
  })
})
