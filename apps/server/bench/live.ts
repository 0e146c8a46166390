/**
 * The live-output benchmark: how long a line the code prints takes to reach a reader, against a `pyexec serve` on
 * the Postgres on 127.0.0.1 (PYEXEC_TEST_POSTGRES_URL) with the local executor:
 *   1. print -> `event: output` on GET /api/runs/{id}/events (read with fetch, as the review page does);
 *   2. print -> the line in the review page's DOM, in Chromium (a MutationObserver notes when it appears);
 *   3. print -> the line on the stderr of `pyexec exec` (the CLI drives the run itself).
 * The code stamps each line with the wall clock when it prints it (the same host, so the same clock).
 * Usage: pnpm bench:live [runs=10]
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { PostgresDatabase } from "@pyexec/testing"
import { chromium } from "playwright-core"
import { pyexecBin, tempDir } from "../test/support/cli.js"
import { followEvents } from "../test/support/liveEvents.js"
import { api, serverEnv, startServer } from "../test/support/server.js"

const runs = Number(process.argv[2] ?? 10)
const token = "bench-live-token-0123456789"

const quantile = (xs: ReadonlyArray<number>, q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}
const report = (what: string, xs: ReadonlyArray<number>) =>
  console.log(
    `${what} (${xs.length} runs): p50 ${quantile(xs, 0.5).toFixed(1)} ms, p90 ${quantile(xs, 0.9).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (goal: p50 < 200 ms)`
  )

/** Waits `wait` s (the readers attach meanwhile), prints a stamped line without flush, runs on a little. */
const code = (wait: number) => `import time\ntime.sleep(${wait})\nprint("stamp %.1f" % (time.time() * 1000))\ntime.sleep(1)\nresults = {"ok": True}\n`
const stampOf = (text: string) => Number(/stamp (\d+\.\d)/.exec(text)?.[1])

const main = async () => {
  const database = await PostgresDatabase.create()
  const home = tempDir("bench-live")
  // the server works on what it is sent; the CLI's runs, on the same database, are the CLI's to execute (a server
  // polling the store would take them over, and the CLI would have no output to print)
  const server = await startServer({ ...serverEnv({ home, tokens: `bench:requester:${token}`, database: database.url }), PYEXEC_WORKER_POLL_MS: "600000" }, home)
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  const toEvent: Array<number> = []
  const toPage: Array<number> = []
  const toCli: Array<number> = []
  try {
    const client = api(server.url, token)
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage()
      // in the page: when the pane first shows the stamped line
      await page.addInitScript(`new MutationObserver(() => {
        const pane = document.querySelector(".live-output-text")
        if (window.seenAt === undefined && pane && pane.textContent.includes("stamp ")) window.seenAt = Date.now()
      }).observe(document, { subtree: true, childList: true, characterData: true })`)
      const { body } = await client.submit({ code: code(2.5) })
      const runId: string = body.runId
      let eventAt: number | undefined
      let stamp: number | undefined
      const followed = followEvents(server.url, runId, token, {
        onEvent: (e) => {
          if (eventAt === undefined && e.event === "output" && e.data.text.includes("stamp ")) {
            eventAt = Date.now()
            stamp = stampOf(e.data.text)
          }
        }
      })
      // read below; noted now, so that a dropped stream is this run's error, not an unhandled one
      followed.catch(() => undefined)
      await page.goto(`${server.url}/runs/${runId}#token=${token}`)
      // functions, not strings: the page's Content-Security-Policy refuses eval
      await page.waitForFunction(() => (globalThis as { seenAt?: number }).seenAt !== undefined, undefined, { timeout: 30_000 })
      const seenAt = await page.evaluate(() => (globalThis as { seenAt?: number }).seenAt!)
      await followed
      await page.close()
      if (eventAt === undefined || stamp === undefined) throw new Error(`run ${runId}: no output event`)
      toEvent.push(eventAt - stamp)
      toPage.push(seenAt - stamp)
    }

    const cwd = tempDir("bench-live-cli")
    fs.writeFileSync(path.join(cwd, "stamp.py"), code(0.5))
    for (let i = 0; i < runs; i++) {
      const env = { ...process.env, PYEXEC_HOME: path.join(cwd, ".pyexec"), PYEXEC_DATABASE_URL: database.url, PYEXEC_EXECUTOR: "local" }
      const cli = spawn(pyexecBin, ["exec", "stamp.py"], { cwd, env, stdio: ["ignore", "ignore", "pipe"] })
      let seen: number | undefined
      let text = ""
      cli.stderr.on("data", (chunk: Buffer) => {
        text += chunk.toString()
        if (seen === undefined && /\| stamp \d+\.\d\n/.test(text)) seen = Date.now() - stampOf(text)
      })
      const code = await new Promise((resolve) => cli.on("close", resolve))
      if (seen === undefined) throw new Error(`the CLI (exit ${code}) printed no stamped line:\n${text}`)
      toCli.push(seen)
    }
  } catch (error) {
    console.error(`the server said:\n${server.log().slice(-3000)}`)
    throw error
  } finally {
    await browser.close()
    await server.stop()
    await database.drop()
  }
  report("print -> SSE output event", toEvent)
  report("print -> review page DOM (Chromium)", toPage)
  report("print -> CLI stderr line (pyexec exec)", toCli)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
