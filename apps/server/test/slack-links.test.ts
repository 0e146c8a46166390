import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Browser, chromium } from "playwright-core"
import { channel, publicUrl, slackWorld, until } from "./support/slackWorld.js"

/** Read-only code long enough to be cut on the card (which then links the notebook), drawing a figure. */
const longCode = [
  ...Array.from({ length: 80 }, (_, i) => `# calibration table row ${i}: gain 1.0, offset 0.0, checked by the night shift`),
  "import matplotlib.pyplot as plt",
  "plt.plot([0, 1], [1, 0])",
  'results = {"rows": 80}'
].join("\n")

/** The mrkdwn links `<url|label>` of a message's blocks, read as Slack shows them (&amp; is &). */
// biome-ignore lint/suspicious/noExplicitAny: blocks are read as the JSON Slack gets
const linksIn = (blocks: ReadonlyArray<any>, label: string) =>
  [...JSON.stringify(blocks).matchAll(/<([^|>]+)\|([^>]+)>/g)].filter((m) => m[2] === label).map((m) => m[1]!.replaceAll("&amp;", "&"))

describe("links on Slack cards open in a browser", () => {
  const w = slackWorld("http")
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  })
  afterAll(() => browser?.close())

  /** The card's link as the public address names it; the tests reach that server at its own address. */
  const reached = (url: string) => {
    expect(url.startsWith(publicUrl)).toBe(true)
    return `${w.server.url}${url.slice(publicUrl.length)}`
  }

  it("the card's and the results' notebook links download the notebook, signed for the bot for days; the review page link opens the page", async () => {
    const posted = w.topLevel()
    expect((await w.command("U0ALICE", `exec\n\`\`\`python\n${longCode}\n\`\`\``)).taken).toBe(true)
    const card = await until("the run's card", () => w.slack.messages(channel).filter((m) => m.threadTs === undefined)[posted])
    const [results] = await until("the results in the thread", () => {
      const replies = w.slack.thread(channel, card.ts)
      return replies.length > 0 ? replies : undefined
    })
    const final = w.slack.message(channel, card.ts)!
    const notebookLinks = [...linksIn(final.blocks, "notebook"), ...linksIn(results!.blocks, "Notebook")]
    expect(notebookLinks.length).toBe(2)

    const page = await browser.newPage()
    for (const link of notebookLinks) {
      const url = new URL(reached(link))
      expect(url.searchParams.get("by")).toBe("slack:bot")
      const lifetime = Number(url.searchParams.get("expires")) - Date.now() / 1000
      expect(lifetime).toBeGreaterThan(6 * 24 * 3600)
      const [download] = await Promise.all([page.waitForEvent("download"), page.goto(url.href).catch(() => undefined)])
      expect(download.suggestedFilename()).toMatch(/\.ipynb$/)
      expect(JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8"))).nbformat).toBe(4)
    }

    const [review] = linksIn(results!.blocks, "Review page")
    const answer = await page.goto(reached(review!))
    expect(answer?.status()).toBe(200)
    expect(answer?.headers()["content-type"]).toContain("text/html")
    await page.close()
  })
})
