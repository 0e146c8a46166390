import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { SoftIoc } from "@pyexec/testing"
import { type Browser, chromium, type Page } from "playwright-core"
import { repoRoot, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const aliceToken = "review-page-alice-7f3a9c"
const bobToken = "review-page-bob-2d81e4"

/** Draws a figure and sets results; line 3 imports subprocess (PY008), line 11 deletes a file (PY003, warning), line 12 starts a program (PY001, error). */
const figureCode = `# Stored beam current over four samples, with a plot
import os
import subprocess
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3))
ax.plot([0, 1, 2, 3], [300.0, 299.2, 298.5, 297.9], marker="o")
ax.set_title("Stored beam current")
with open("scratch.txt", "w") as f:
    f.write("temporary")
os.remove("scratch.txt")
stamp = subprocess.run(["echo", "calibrated"], capture_output=True, text=True).stdout.strip()
results = {"samples": 4, "mean_current_ma": 298.9, "gain": 1.0, "stamp": stamp}
`

const screenshot = path.join(repoRoot, "test-output/review-page.png")
const writesScreenshot = path.join(repoRoot, "test-output/review-page-writes.png")

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? ""

const statusShown = (page: Page, status: string) => page.locator(`.run-title [data-status="${status}"]`).waitFor({ timeout: 30_000 })

describe("the review page, in Chromium against pyexec serve", () => {
  let server: ServerProcess
  let browser: Browser
  let ioc: SoftIoc.SoftIoc
  const pageErrors: Array<string> = []

  beforeAll(async () => {
    const home = tempDir("review-page")
    ioc = await SoftIoc.start()
    server = await startServer({ ...serverEnv({ home, policy: "all_code", tokens: `alice:requester:${aliceToken},bob:approver:${bobToken}` }), ...ioc.env }, home)
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await ioc?.stop()
  })

  /** A fresh browser page signed in by the token in the address's fragment, as `pyexec serve` hands it out. */
  const open = async (token: string, route: string) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}${route}#token=${token}`)
    return page
  }

  /** alice asks for code to run; it waits for approval (PYEXEC_POLICY_MODE=all_code). */
  const waitingRun = async (code: string) => {
    const alice = api(server.url, aliceToken)
    const submitted = await alice.submit({ code })
    expect(submitted.status).toBe(202)
    return alice.until(submitted.body.runId, (status) => status === "awaiting_approval")
  }

  it("an approver sees the findings at their lines and the code's hash, approves, and watches the run succeed with its figure", async () => {
    const run = await waitingRun(figureCode)
    const page = await open(bobToken, `/runs/${run.id}`)
    await statusShown(page, "awaiting_approval")
    expect(page.url()).toBe(`${server.url}/runs/${run.id}`)
    expect(await text(page, ".who")).toContain("bob")
    expect(await text(page, ".request")).toContain("Code given with the request")
    expect(await text(page, ".facts")).toContain("local")

    const findings = run.attempts[0].findings as Array<Record<string, string | number>>
    expect(findings.map((f) => [f.rule, f.line]).sort()).toEqual([
      ["PY001", 12],
      ["PY003", 11],
      ["PY008", 3]
    ])
    for (const finding of findings) {
      const line = page.locator(`#a1-L${finding.line}`)
      expect(await line.getAttribute("class")).toContain(`flagged sev-${finding.severity}`)
      expect(await line.locator(".ln").textContent()).toBe(String(finding.line))
      expect(await line.locator(".gutter").textContent()).toBe("●")
      const note = page.locator(`.annotation[data-rule="${finding.rule}"]`)
      expect(await note.evaluate((el) => el.previousElementSibling?.id)).toBe(`a1-L${finding.line}`)
      // `code` in a message is shown as code, without the backticks
      const message = String(finding.message).replaceAll("`", "")
      const shown = (await note.textContent()) ?? ""
      for (const part of [finding.rule, finding.severity, message]) expect(shown).toContain(part)
      expect(await text(page, ".findings")).toContain(message)
    }
    expect(await text(page, ".run-title h1")).toBe("Stored beam current over four samples, with a plot")
    expect(await text(page, "#a1-L12")).toContain('subprocess.run(["echo", "calibrated"]')
    expect(await text(page, ".code-card .sha")).toBe(run.codeSha256)

    await page.evaluate("document.documentElement.dataset.sameDocument = 'yes'")
    await page.getByRole("button", { name: "Approve", exact: true }).click()
    expect(await text(page, "dialog")).toContain(run.codeSha256)
    await page.getByRole("button", { name: "Approve and run" }).click()

    await statusShown(page, "succeeded")
    await page.waitForFunction("[...document.querySelectorAll('img.figure')].some((img) => img.complete && img.naturalWidth > 0)")
    expect(await page.evaluate("document.documentElement.dataset.sameDocument"), "the page was not reloaded").toBe("yes")
    expect(await text(page, ".output.result")).toContain("298.9")
    // a float stays one: Python's 1.0, which JSON alone would show as 1
    expect(await text(page, ".output.result")).toMatch(/gain\s*1\.0/)
    expect(await text(page, ".decisions")).toMatch(/approved\s*by\s*bob/)
    expect(await text(page, ".audit")).toContain("bob")

    fs.mkdirSync(path.dirname(screenshot), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000)
    expect(pageErrors).toEqual([])
  })

  it("a requester gets no Approve or Reject; an approver rejects with a reason; open pages show it, and a stale Approve is refused", async () => {
    const run = await waitingRun('results = {"answer": 42}\n')

    const alicePage = await open(aliceToken, `/runs/${run.id}`)
    await statusShown(alicePage, "awaiting_approval")
    expect(await text(alicePage, ".who")).toContain("alice")
    expect(await alicePage.getByRole("button", { name: /approve|reject/i }).count()).toBe(0)
    expect(await text(alicePage, ".not-yours")).toContain("approver role")

    const stalePage = await open(bobToken, `/runs/${run.id}`)
    await statusShown(stalePage, "awaiting_approval")
    await stalePage.getByRole("button", { name: "Approve", exact: true }).click()

    const bobPage = await open(bobToken, "/?status=awaiting_approval")
    const row = bobPage.locator(`tr[data-run-id="${run.id}"]`)
    expect(await row.locator("[data-status]").textContent()).toBe("awaiting approval")
    expect(await bobPage.locator("select").inputValue()).toBe("awaiting_approval")
    expect(await bobPage.locator("tr.run-row").count()).toBe(1)
    await row.locator("a").click()
    await statusShown(bobPage, "awaiting_approval")
    expect(bobPage.url()).toBe(`${server.url}/runs/${run.id}`)
    await bobPage.getByRole("button", { name: "Reject", exact: true }).click()
    await bobPage.getByLabel("Reason").fill("wrong magnet: Q02, not Q01")
    await bobPage.locator("dialog").getByRole("button", { name: "Reject" }).click()

    for (const page of [bobPage, alicePage]) {
      await statusShown(page, "rejected")
      expect(await text(page, ".run-page")).toContain("wrong magnet: Q02, not Q01")
    }

    await stalePage.getByRole("button", { name: "Approve and run" }).click()
    await stalePage.locator(".decision .notice.error").waitFor()
    const refusal = await text(stalePage, ".decision .notice.error")
    expect(refusal).toContain("Approval refused")
    expect(refusal).toMatch(/not-awaiting|already-decided/)
    await statusShown(stalePage, "rejected")
    expect(pageErrors).toEqual([])
  })

  it("after an approved write run, the page shows its write ledger: what was written, from what, and what did not hold", async () => {
    const B = `${ioc.prefix}B`
    const missing = `${ioc.prefix}NO_SUCH_CHANNEL`
    const run = await waitingRun(`import epics\nepics.caput("${B}", 2.5, wait=True)\nepics.caput("${missing}", 1, connection_timeout=1)\nresults = {}\n`)
    const bob = api(server.url, bobToken)
    expect((await bob.approve(run.id, run.codeSha256)).status).toBe(200)
    const page = await open(bobToken, `/runs/${run.id}`)
    await statusShown(page, "failed")
    expect(await text(page, ".outcome")).toContain("write-failed")
    const rows = page.locator(".writes tbody tr")
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).getAttribute("data-state")).toBe("completed")
    expect(await rows.nth(0).textContent()).toContain(B)
    expect(await rows.nth(0).locator("td").nth(2).textContent()).toBe("2.5")
    expect(await rows.nth(1).getAttribute("data-state")).toBe("not-connected")
    expect(await rows.nth(1).textContent()).toContain(missing)
    expect(await text(page, ".writes .card-head")).toContain("1 of 2 did not hold")
    expect(await ioc.get(B)).toBe("2.5")
    await page.screenshot({ path: writesScreenshot, fullPage: true })
    expect(fs.statSync(writesScreenshot).size).toBeGreaterThan(10_000)
    // an approver alone may not ask for runs: no Restore for bob; alice asks for one, and lands on it, its plan shown
    expect(await page.locator("button.restore").count()).toBe(0)
    const before = await rows.nth(0).locator("td").nth(1).textContent()
    const alicePage = await open(aliceToken, `/runs/${run.id}`)
    await statusShown(alicePage, "failed")
    await alicePage.getByRole("button", { name: "Restore…" }).click()
    await statusShown(alicePage, "awaiting_approval")
    expect(alicePage.url()).not.toContain(run.id)
    const planned = alicePage.locator(".plan tbody tr")
    expect(await planned.count()).toBe(1)
    expect(await planned.nth(0).getAttribute("data-channel")).toBe(B)
    expect(await planned.nth(0).locator("td").nth(2).textContent()).toBe(before)
    expect(await text(alicePage, ".plan .card-head")).toContain("1 writes, nothing sent")
    expect(await ioc.get(B)).toBe("2.5")
    expect(pageErrors).toEqual([])
  })
  it("the requester cancels a waiting run from its page: it ends cancelled, and the button is gone", async () => {
    const run = await waitingRun('results = {"never": True}\n')
    const page = await open(aliceToken, `/runs/${run.id}`)
    await statusShown(page, "awaiting_approval")
    await page.getByRole("button", { name: "Cancel run…" }).click()
    await page.getByRole("button", { name: "Cancel the run" }).click()
    await statusShown(page, "cancelled")
    expect(await text(page, ".outcome")).toContain("cancelled by alice")
    expect(await page.getByRole("button", { name: "Cancel run…" }).count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
