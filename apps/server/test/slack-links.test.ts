import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { type Browser, chromium } from "playwright-core"
import { tempDir } from "./support/cli.js"
import { channel, publicUrl, type SlackWorld, slackWorld, until } from "./support/slackWorld.js"

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

/** Asks in Slack to run `code`; its card once the run ended, and the results posted in its thread. */
const ranInSlack = async (w: SlackWorld, code: string) => {
  const posted = w.topLevel()
  expect((await w.command("U0ALICE", `exec\n\`\`\`python\n${code}\n\`\`\``)).taken).toBe(true)
  const card = await until("the run's card", () => w.slack.messages(channel).filter((m) => m.threadTs === undefined)[posted])
  const [results] = await until("the results in the thread", () => {
    const replies = w.slack.thread(channel, card.ts)
    return replies.length > 0 ? replies : undefined
  })
  return { final: w.slack.message(channel, card.ts)!, results: results! }
}

/** The link as the public address names it, at the address the tests reach that server at. */
const reachedIn = (w: SlackWorld, url: string) => {
  expect(url.startsWith(publicUrl)).toBe(true)
  return `${w.server.url}${url.slice(publicUrl.length)}`
}

describe("links on Slack cards open in a browser", () => {
  const w = slackWorld("http")
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  })
  afterAll(() => browser?.close())

  const reached = (url: string) => reachedIn(w, url)

  it("the card's and the results' notebook links download the notebook, signed for the bot for days; the review page link opens the page", async () => {
    const { final, results } = await ranInSlack(w, longCode)
    const notebookLinks = [...linksIn(final.blocks, "notebook"), ...linksIn(results.blocks, "Notebook")]
    expect(notebookLinks.length).toBe(2)
    // this server has no JupyterLab
    expect(linksIn(results.blocks, "JupyterLab")).toEqual([])

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

    const [review] = linksIn(results.blocks, "Review page")
    const answer = await page.goto(reached(review!))
    expect(answer?.status()).toBe(200)
    expect(answer?.headers()["content-type"]).toContain("text/html")
    await page.close()
  })
})

describe("with a JupyterLab configured, the results link the notebook in it", () => {
  const jupyterUrl = "https://jupyter.example.org/user/alice"
  const folder = path.join(tempDir("slack-jupyter"), "served")
  const w = slackWorld("http", { PYEXEC_JUPYTER_URL: jupyterUrl, PYEXEC_JUPYTER_FOLDER: folder })

  it("the JupyterLab link, signed for the bot for days, puts the notebook in the folder and redirects to it in JupyterLab, without a token", async () => {
    const { results } = await ranInSlack(w, 'results = {"beam": 1.5}')
    const [review] = linksIn(results.blocks, "Review page")
    const runId = decodeURIComponent(review!.split("/runs/")[1]!)
    const lab = linksIn(results.blocks, "JupyterLab")
    expect(lab.length).toBe(1)
    expect(JSON.stringify(results.blocks)).toMatch(/\|Notebook> · <[^|>]+\|JupyterLab>/)

    const url = new URL(reachedIn(w, lab[0]!))
    expect(url.pathname).toBe(`/api/runs/${runId}/jupyter`)
    expect(url.searchParams.get("by")).toBe("slack:bot")
    expect(Number(url.searchParams.get("expires")) - Date.now() / 1000).toBeGreaterThan(6 * 24 * 3600)

    expect(fs.existsSync(path.join(folder, `${runId}.ipynb`))).toBe(false)
    const followed = await fetch(url, { redirect: "manual" })
    expect(followed.status).toBe(303)
    expect(followed.headers.get("location")).toBe(`${jupyterUrl}/lab/tree/pyexec/${runId}.ipynb`)
    expect(JSON.parse(fs.readFileSync(path.join(folder, `${runId}.ipynb`), "utf8")).nbformat).toBe(4)
  })
})
