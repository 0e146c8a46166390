import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Browser, chromium, type Page } from "playwright-core"
import { repoRoot, tempDir } from "./support/cli.js"
import { controlRoom } from "./support/controlRoom.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const tokens = { alice: "routing-alice-4c1d9e", rita: "routing-rita-8b22f0", vera: "routing-vera-0e7a13", bob: "routing-bob-5f9c61" }
const RF = "SR:RF:VOLTAGE_SP"
const VALVE = "SR:VAC:GV01:OPEN"

/** The RF belongs to the rf group; closing or opening a gate valve needs two people. */
const routes = `groups:
  rf: [rita]
  vacuum: [vera]
routes:
  - channels: ["SR:RF:*"]
    group: rf
  - channels: ["SR:VAC:GV*"]
    approvals: 2
`

const screenshot = path.join(repoRoot, "test-output/review-page-routing.png")

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? ""

describe("approval routing by what a run changes, against the control room (pyexec serve, API and Chromium)", () => {
  let server: ServerProcess
  let browser: Browser
  let room: Awaited<ReturnType<typeof controlRoom>>
  const before: Record<string, string> = {}
  const pageErrors: Array<string> = []

  beforeAll(async () => {
    room = await controlRoom()
    for (const pv of [RF, VALVE]) before[pv] = await room.caget(pv)
    const home = tempDir("routing")
    fs.writeFileSync(path.join(home, "routes.yaml"), routes)
    fs.writeFileSync(path.join(home, "limits.yaml"), `allowUnlisted: true\nchannels:\n  - pattern: "SR:RF:VOLTAGE_SP"\n    min: 0\n    max: 3\n    maxStep: 0.5\n`)
    const entries = `alice:requester:${tokens.alice},rita:approver:${tokens.rita},vera:approver:${tokens.vera},bob:approver:${tokens.bob}`
    server = await startServer({ ...serverEnv({ home, tokens: entries }), ...room.epics, PYEXEC_APPROVAL_ROUTES: path.join(home, "routes.yaml"), PYEXEC_CHANNEL_LIMITS: path.join(home, "limits.yaml") }, home)
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    for (const [pv, value] of Object.entries(before)) await room?.caput(pv, value === "Open" ? "1" : value === "Closed" ? "0" : value)
  })

  const open = async (token: string, runId: string) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } })
    page.on("pageerror", (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}/runs/${runId}#token=${token}`)
    await page.locator('.run-title [data-status="awaiting_approval"]').waitFor({ timeout: 30_000 })
    return page
  }
  const waitingRun = async (code: string) => {
    const alice = api(server.url, tokens.alice)
    const submitted = await alice.submit({ code })
    expect(submitted.status).toBe(202)
    return alice.until(submitted.body.runId, (status) => status === "awaiting_approval")
  }
  const approveOnPage = async (page: Page) => {
    await page.getByRole("button", { name: "Approve", exact: true }).click()
    await page.getByRole("button", { name: "Approve and run" }).click()
  }

  it("an RF setpoint needs the rf group: an approver outside it is refused on the page and nothing changes; a member's approval runs it", async () => {
    const target = Number(before[RF]) === 2.25 ? 2.2 : 2.25
    const run = await waitingRun(`import epics\nepics.caput("${RF}", ${target}, wait=True)\nresults = {}\n`)
    expect(run.attempts[0].standing).toEqual([{ because: `SR:RF:* (${RF})`, group: "rf", approvals: 1, by: [], missing: 1 }])

    const page = await open(tokens.vera, run.id)
    // the plan, with the change and the channel's limits
    const planned = page.locator(".plan tbody tr")
    expect(await planned.count()).toBe(1)
    expect(await planned.first().getAttribute("data-limits")).toBe("inside")
    expect(await planned.first().locator("td").nth(3).textContent()).toBe(`+${Number((target - Number(before[RF])).toPrecision(12))}`)
    expect(await planned.first().locator("td").nth(4).textContent()).toBe("0..3, step <= 0.5 · inside")
    const needed = page.locator(".standing li")
    expect(await needed.count()).toBe(1)
    expect(await needed.first().textContent()).toContain(`1 approval from group rf · SR:RF:* (${RF})`)
    expect(await text(page, ".standing .still")).toBe("still needs 1 approval from group rf")
    await approveOnPage(page)
    await page.locator(".decision .notice.error").waitFor()
    expect(await text(page, ".decision .notice.error")).toMatch(/Approval refused: .*still needs 1 approval from group rf .*vera is in the groups vacuum.*\(not-in-group\)/)
    expect((await api(server.url, tokens.vera).run(run.id)).body.status).toBe("awaiting_approval")
    expect(Number(await room.caget(RF))).toBe(Number(before[RF]))

    expect((await api(server.url, tokens.rita).approve(run.id, run.codeSha256)).status).toBe(200)
    const done = await api(server.url, tokens.rita).until(run.id, (status) => status === "succeeded")
    expect(done.attempts[0].approval).toMatchObject({ decidedBy: "rita", groups: ["rf"] })
    expect(Number(await room.caget(RF))).toBe(target)
    expect(pageErrors).toEqual([])
  })

  it("closing a gate valve needs two approvals: the first is counted and shown, the same person twice is refused, the second runs it", async () => {
    const run = await waitingRun(`import epics\nepics.caput("${VALVE}", 0, wait=True)\nresults = {"closed": "${VALVE}"}\n`)
    expect(run.attempts[0].preview.writes.map((w: { channel: string }) => w.channel)).toEqual([VALVE])

    const page = await open(tokens.bob, run.id)
    expect(await text(page, ".standing li")).toContain(`2 approvals · SR:VAC:GV* (${VALVE})`)
    await approveOnPage(page)
    await page.locator(".standing .meta-line").waitFor()
    expect(await text(page, ".standing .meta-line")).toBe("approved by bob")
    expect(await text(page, ".standing .still")).toBe("still needs 1 approval")
    expect(await text(page, ".decisions")).toMatch(/approved\s*by\s*bob/)
    expect(await page.locator('.run-title [data-status="awaiting_approval"]').count()).toBe(1)
    expect(await room.caget(VALVE)).toBe("Open")
    fs.mkdirSync(path.dirname(screenshot), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })
    expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000)

    const twice = await api(server.url, tokens.bob).approve(run.id, run.codeSha256)
    expect(twice.status).toBe(403)
    expect(twice.body.error).toMatchObject({ type: "Forbidden", reason: "already-approved" })
    expect(twice.body.error.message).toContain("bob already approved")

    expect((await api(server.url, tokens.vera).approve(run.id, run.codeSha256)).status).toBe(200)
    const done = await api(server.url, tokens.vera).until(run.id, (status) => status === "succeeded")
    expect(done.attempts[0].approvals.map((a: { decidedBy: string }) => a.decidedBy)).toEqual(["bob"])
    expect(done.attempts[0].approval.decidedBy).toBe("vera")
    expect(done.attempts[0].standing).toEqual([{ because: `SR:VAC:GV* (${VALVE})`, approvals: 2, by: ["bob", "vera"], missing: 0 }])
    expect(await room.caget(VALVE)).toBe("Closed")
    await page.locator('.run-title [data-status="succeeded"]').waitFor({ timeout: 30_000 })
    expect(await text(page, ".decisions")).toMatch(/approved\s*by\s*vera/)
    expect(pageErrors).toEqual([])
  })
})
