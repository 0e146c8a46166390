import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { FakeOllama, PostgresDatabase } from "@pyexec/testing"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pyexec, pyexecBin, tempDir } from "./support/cli.js"
import { followEvents, outputOf, replyOf } from "./support/liveEvents.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "live-alice-4c1d9e7a2b"

/** A model's reply, as a chat model writes it: a fenced block, streamed in `pieces` over `seconds`. */
const slowReply = (answer: string, pieces: number, seconds: number) => {
  const content = `Here is the code:\n\n\`\`\`python\nprint("${answer}")\nresults = {"answer": "${answer}"}\n\`\`\`\n`
  return { content, pieces, pieceDelayMs: Math.round((seconds * 1000) / pieces) }
}

/** Prints a line and a warning, sleeps, prints again: the first line is out long before the end. */
const slowPrinter = (seconds: number) =>
  `import sys, time\nprint("first line")\nprint("a warning", file=sys.stderr)\ntime.sleep(${seconds})\nprint("second line")\nresults = {"ok": True}\n`

describe("live output against pyexec serve", () => {
  let server: ServerProcess
  let browser: Browser
  let home: string
  // the model's replies, in the order the tests below ask
  const replies = [slowReply("streamed", 8, 2.4), slowReply("followed", 6, 1.8)]
  let ollama: FakeOllama.FakeOllama

  beforeAll(async () => {
    home = tempDir("live")
    ollama = await FakeOllama.start(replies)
    server = await startServer({ ...serverEnv({ home, tokens: `alice:requester:${alice}` }), OLLAMA_HOST: ollama.url, PYEXEC_MODEL: "scripted" }, home)
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await ollama?.close()
  })

  it("the event stream carries the model's reply while it is written, as output of phase generation, before the code is ready", async () => {
    const submitted = await api(server.url, alice).submit({ query: "answer streamed" })
    expect(submitted.status).toBe(202)
    const runId: string = submitted.body.runId
    const events = await followEvents(server.url, runId, alice)
    expect(events.at(-1)).toMatchObject({ event: "transition", data: { toStatus: "succeeded" } })

    const reply = events.filter((e) => e.event === "output" && e.data.phase === "generation")
    expect(replyOf(events)).toBe(replies[0]!.content)
    for (const e of reply) expect(e.data).toMatchObject({ attempt: 1, stream: "stdout" })
    // between the move into generating and the code being ready, and not the code's output
    const kinds = events.map((e) => (e.event === "output" ? `output ${e.data.phase}` : e.data.toStatus))
    expect(kinds.indexOf("generating")).toBeLessThan(kinds.indexOf("output generation"))
    expect(kinds.lastIndexOf("output generation")).toBeLessThan(kinds.indexOf("analyzing"))
    expect(outputOf(events, "stdout")).toBe("streamed\n")
    // as it came: the first piece seconds before the code was ready
    const ready = events.find((e) => e.event === "transition" && e.data.toStatus === "analyzing")!
    expect(ready.at - reply[0]!.at).toBeGreaterThan(1_200)
    expect(reply.length).toBeGreaterThan(2)
  }, 60_000)

  it("the CLI on the server's home prints the reply as the server streams it (generating |), then the answer", async () => {
    const { code, stdout, stderr } = await pyexec(["ask", "answer followed"], { cwd: home, env: { PYEXEC_HOME: home, PYEXEC_API_TOKEN: alice } })
    expect(code, stderr).toBe(0)
    // through the server: the model's requests came from it (the CLI has no OLLAMA_HOST)
    expect(ollama.chats()).toHaveLength(2)
    const lines = stderr.split("\n")
    // the reply's lines, in order, marked as the model's, between the stage that starts it and the one that ends it
    const replyLines = lines.filter((l) => /^ {2}\[\d+\.\ds\] generating \| /.test(l)).map((l) => l.replace(/^ {2}\[\d+\.\ds\] generating \| /, ""))
    expect(replyLines).toEqual(replies[1]!.content.replace(/\n$/, "").split("\n"))
    const first = lines.findIndex((l) => l.includes("generating |"))
    expect(lines.findIndex((l) => /generating attempt 1/.test(l))).toBeLessThan(first)
    expect(lines.findIndex((l) => /attempt 1: code ready/.test(l))).toBeGreaterThan(first)
    expect(stdout).toContain("followed")
  }, 60_000)

  it("the event stream carries the code's output while it runs, in order, before the final transition; Last-Event-ID resumes both", async () => {
    const submitted = await api(server.url, alice).submit({ code: slowPrinter(3) })
    expect(submitted.status).toBe(202)
    const runId: string = submitted.body.runId
    const events = await followEvents(server.url, runId, alice)

    const first = events.find((e) => e.event === "output" && e.data.text.includes("first line"))!
    const final = events.at(-1)!
    expect(final).toMatchObject({ event: "transition", data: { toStatus: "succeeded" } })
    // the first line came while the code still slept: seconds before the run ended
    expect(final.at - first.at).toBeGreaterThan(2_000)
    expect(first.data).toMatchObject({ attempt: 1, stream: "stdout", seq: expect.any(Number), at: expect.any(String) })
    expect(outputOf(events, "stdout")).toBe("first line\nsecond line\n")
    expect(outputOf(events, "stderr")).toBe("a warning\n")
    // all output between the move into executing and the move out of it
    const kinds = events.map((e) => (e.event === "output" ? "output" : e.data.toStatus))
    expect(kinds.indexOf("executing")).toBeLessThan(kinds.indexOf("output"))
    expect(kinds.lastIndexOf("output")).toBeLessThan(kinds.indexOf("succeeded"))
    // ids: a transition's seq while no output came, then both places
    for (const e of events.slice(0, kinds.indexOf("output"))) expect(e.id).toMatch(/^\d+$/)
    for (const e of events.slice(kinds.indexOf("output"))) expect(e.id).toMatch(/^\d+\/\d+$/)

    // resuming after the first output event gives the rest, nothing twice
    const at = events.indexOf(first)
    const resumed = await followEvents(server.url, runId, alice, { lastEventId: first.id! })
    expect(resumed.map((e) => [e.event, e.id])).toEqual(events.slice(at + 1).map((e) => [e.event, e.id]))
    // a transition's seq alone resumes transitions after it and output from the start
    const fromSeq = await followEvents(server.url, runId, alice, { lastEventId: "1" })
    expect(outputOf(fromSeq, "stdout")).toBe("first line\nsecond line\n")
    // a bad id is refused
    const bad = await fetch(`${server.url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${alice}`, "last-event-id": "1/x" } })
    expect(bad.status).toBe(400)

    // the result keeps its own output, as before
    const view = (await api(server.url, alice).run(runId)).body
    expect(view.attempts[0].result.stdout).toBe("first line\nsecond line\n")
  }, 60_000)

  it("a write run's preview streams too: its output events say they are the preview's, and come before the run waits", async () => {
    const code = `import sys, time\nprint("planning the ramp")\nprint("a preview warning", file=sys.stderr)\ntime.sleep(1)\nimport epics\nepics.caput("PYEXEC:LIVE:SP", 1, connection_timeout=0.5)\nresults = {}\n`
    const client = api(server.url, alice)
    const runId: string = (await client.submit({ code })).body.runId
    const events = await followEvents(server.url, runId, alice, {
      // the stream ends with the run: once it waits, the requester cancels it
      onEvent: (e) => void (e.event === "transition" && e.data.toStatus === "awaiting_approval" && client.post(`/api/runs/${runId}/cancel`, {}))
    })
    const kinds = events.map((e) => (e.event === "output" ? `output ${e.data.phase}` : e.data.toStatus))
    expect(kinds).toContain("output preview")
    expect(kinds).not.toContain("output run")
    expect(kinds.indexOf("analyzing")).toBeLessThan(kinds.indexOf("output preview"))
    expect(kinds.lastIndexOf("output preview")).toBeLessThan(kinds.indexOf("awaiting_approval"))
    expect(kinds.at(-1)).toBe("cancelled")
    // (pyepics adds its own line on stdout: the channel does not connect)
    expect(outputOf(events, "stdout").startsWith("planning the ramp\n")).toBe(true)
    expect(outputOf(events, "stderr")).toContain("a preview warning\n")
    expect((await client.run(runId)).body.attempts[0].preview.writes).toEqual([expect.objectContaining({ channel: "PYEXEC:LIVE:SP", value: 1 })])
  }, 60_000)

  it("a run cancelled while it prints: its stream has the output up to the stop, then cancelled", async () => {
    const client = api(server.url, alice)
    const runId: string = (await client.submit({ code: slowPrinter(60) })).body.runId
    let cancelled: Promise<unknown> | undefined
    const events = await followEvents(server.url, runId, alice, {
      onEvent: (e) => {
        if (!cancelled && e.event === "output" && e.data.text.includes("first line")) cancelled = client.post(`/api/runs/${runId}/cancel`, {})
      }
    })
    expect(((await cancelled) as { status: number }).status).toBe(200)
    expect(events.at(-1)).toMatchObject({ event: "transition", data: { toStatus: "cancelled" } })
    expect(outputOf(events, "stdout")).toBe("first line\n")
    expect(outputOf(events, "stderr")).toBe("a warning\n")
  }, 60_000)

  it("the review page shows the first line while the run still executes, stderr apart, with the time it has run", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
    const errors: Array<string> = []
    page.on("pageerror", (error) => errors.push(error.message))
    const submitted = await api(server.url, alice).submit({ code: slowPrinter(5) })
    const runId: string = submitted.body.runId
    await page.goto(`${server.url}/runs/${runId}#token=${alice}`)
    const pane = page.locator(".live-output-text")
    await pane.getByText("first line").waitFor({ timeout: 30_000 })
    // seen while it runs: the run had not moved on when the line was on the page
    expect((await api(server.url, alice).run(runId)).body.status).toBe("executing")
    expect(await page.locator(".run-page").getAttribute("data-status")).toBe("executing")
    expect(await pane.textContent()).not.toContain("second line")
    expect(await page.locator(".live-output-text .out-stderr").first().textContent()).toContain("a warning")
    expect(await page.locator(".live-output .elapsed").textContent()).toMatch(/^running for \d+ s$/)
    await page.locator('.run-page[data-status="succeeded"]').waitFor({ timeout: 30_000 })
    expect(await pane.textContent()).toBe("first line\na warning\nsecond line\n")
    expect(await page.locator(".live-output .elapsed").textContent()).toMatch(/^ran for \d+ s$/)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})

describe("a run the CLI executes, followed through a server on the same PostgreSQL", () => {
  let database: PostgresDatabase.TestDatabase
  let server: ServerProcess

  beforeAll(async () => {
    database = await PostgresDatabase.create()
    const home = tempDir("live-pg-server")
    // its own work loop wakes rarely: the CLI's process is the one that runs the code
    server = await startServer({ ...serverEnv({ home, tokens: `alice:requester:${alice}`, database: database.url }), PYEXEC_WORKER_POLL_MS: "600000" }, home)
  })
  afterAll(async () => {
    await server?.stop()
    await database?.drop()
  })

  /** `pyexec` on its own home and the server's database, its stderr as lines with the time each came. */
  const cliOnDatabase = (args: ReadonlyArray<string>, cwd: string, extra: Record<string, string> = {}) => {
    const env: Record<string, string | undefined> = { ...process.env, PYEXEC_USER: "tester", PYEXEC_HOME: path.join(cwd, ".pyexec"), PYEXEC_DATABASE_URL: database.url, PYEXEC_EXECUTOR: "local", ...extra }
    delete env.PYEXEC_EXECUTOR_CONFIG
    const cli = spawn(pyexecBin, [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const lines: Array<{ line: string; at: number }> = []
    const out = { stdout: "" }
    let partial = ""
    cli.stdout.on("data", (chunk: Buffer) => {
      out.stdout += chunk.toString()
    })
    cli.stderr.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split("\n")
      partial = parts.pop() ?? ""
      for (const line of parts) lines.push({ line, at: performance.now() })
    })
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => cli.on("exit", (code) => resolve({ code, at: performance.now() })))
    /** The run's whole id, from the first stage line's short one. */
    const runId = async () => {
      let short: string | undefined
      for (let i = 0; i < 600 && !short; i++) {
        short = lines.map((l) => /^pyexec: \[\d+\.\ds\] ([0-9a-f]{8}) /.exec(l.line)?.[1]).find(Boolean)
        if (!short) await new Promise((r) => setTimeout(r, 50))
      }
      expect(short, lines.map((l) => l.line).join("\n")).toBeDefined()
      return (await api(server.url, alice).run(short!)).body.id as string
    }
    return { lines, out, exited, runId }
  }

  it("the model's reply, written in the CLI's process, is on the review page of the server while the run generates, then the code in its place", async () => {
    const ollama = await FakeOllama.start([slowReply("paged", 12, 9.6)])
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] })
    try {
      const cwd = tempDir("live-reply")
      const cli = cliOnDatabase(["ask", "answer paged"], cwd, { OLLAMA_HOST: ollama.url, PYEXEC_MODEL: "scripted" })
      const runId = await cli.runId()
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      const errors: Array<string> = []
      page.on("pageerror", (error) => errors.push(error.message))
      await page.goto(`${server.url}/runs/${runId}#token=${alice}`)

      // the reply so far, in the code's place, marked as the model still writing, while the run generates
      const pane = page.locator(".model-reply-text")
      await pane.getByText("```python").waitFor({ timeout: 30_000 })
      expect((await api(server.url, alice).run(runId)).body.status).toBe("generating")
      expect(await page.locator(".run-page").getAttribute("data-status")).toBe("generating")
      expect(await page.locator(".model-reply .model-writing").textContent()).toBe("the model is still writing")
      expect(await page.locator(".model-reply h2").textContent()).toBe("Code · attempt 1")
      expect(await pane.textContent()).not.toContain('results = {"answer": "paged"}\n```')
      // no output pane for it: it is not the code's output
      expect(await page.locator(".live-output").isHidden()).toBe(true)

      // then the attempt's code replaces it
      await page.locator('.run-page[data-status="succeeded"]').waitFor({ timeout: 30_000 })
      expect(await page.locator(".model-reply").count()).toBe(0)
      expect(await page.locator(".code-card .code").textContent()).toContain('results = {"answer": "paged"}')
      expect(errors).toEqual([])
      await page.close()

      // the CLI printed the reply as it came (generating |), seconds before its code was ready
      const ended = await cli.exited
      expect(ended.code).toBe(0)
      const replyLines = cli.lines.filter((l) => /^ {2}\[\d+\.\ds\] generating \| /.test(l.line))
      expect(replyLines.map((l) => l.line.replace(/^ {2}\[\d+\.\ds\] generating \| /, ""))).toEqual(
        slowReply("paged", 12, 9.6).content.replace(/\n$/, "").split("\n")
      )
      const ready = cli.lines.find((l) => l.line.includes("attempt 1: code ready"))!
      expect(ready.at - replyLines[0]!.at).toBeGreaterThan(2_000)
      expect(cli.out.stdout).toContain("paged")
    } finally {
      await browser.close()
      await ollama.close()
    }
  }, 90_000)

  it("the CLI prints each line as the code prints it, and the server's stream has it before the run ends", async () => {
    const cwd = tempDir("live-cli")
    fs.writeFileSync(path.join(cwd, "slow.py"), slowPrinter(4))
    const env: Record<string, string | undefined> = { ...process.env, PYEXEC_USER: "tester", PYEXEC_HOME: path.join(cwd, ".pyexec"), PYEXEC_DATABASE_URL: database.url, PYEXEC_EXECUTOR: "local" }
    delete env.PYEXEC_EXECUTOR_CONFIG
    const cli = spawn(pyexecBin, ["exec", "slow.py"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const lines: Array<{ line: string; at: number }> = []
    let stdout = ""
    let partial = ""
    cli.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    cli.stderr.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split("\n")
      partial = parts.pop() ?? ""
      for (const line of parts) lines.push({ line, at: performance.now() })
    })
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => cli.on("exit", (code) => resolve({ code, at: performance.now() })))

    // the run's id from the first stage line, then its whole id from the server
    let short: string | undefined
    for (let i = 0; i < 600 && !short; i++) {
      short = lines.map((l) => /^pyexec: \[\d+\.\ds\] ([0-9a-f]{8}) /.exec(l.line)?.[1]).find(Boolean)
      if (!short) await new Promise((r) => setTimeout(r, 50))
    }
    expect(short, lines.map((l) => l.line).join("\n")).toBeDefined()
    const runId: string = (await api(server.url, alice).run(short!)).body.id
    const events = await followEvents(server.url, runId, alice)
    const ended = await exited
    expect(ended.code).toBe(0)

    // the CLI: the line as it came, with the time, seconds before it exited
    const printed = lines.find((l) => /^ {2}\[\d+\.\ds\] \| first line$/.test(l.line))
    expect(printed, lines.map((l) => l.line).join("\n")).toBeDefined()
    expect(ended.at - printed!.at).toBeGreaterThan(2_000)
    expect(lines.some((l) => /^ {2}\[\d+\.\ds\] ! a warning$/.test(l.line))).toBe(true)
    // the answer: the output's last lines
    expect(stdout).toContain("  output:\n    first line\n    second line\n")

    // the server, which ran nothing, streamed the output from the store before the final transition
    const first = events.find((e) => e.event === "output" && e.data.text.includes("first line"))!
    expect(events.at(-1)).toMatchObject({ event: "transition", data: { toStatus: "succeeded" } })
    expect(events.at(-1)!.at - first.at).toBeGreaterThan(1_500)
    expect(outputOf(events, "stdout")).toBe("first line\nsecond line\n")
  }, 90_000)

  it("with --json the CLI prints its JSON on stdout and none of the code's output on stderr", async () => {
    const cwd = tempDir("live-json")
    fs.writeFileSync(path.join(cwd, "quick.py"), slowPrinter(0))
    const result = await pyexec(["exec", "quick.py", "--json"], { cwd, env: { PYEXEC_HOME: path.join(cwd, ".pyexec") } })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).result.stdout).toBe("first line\nsecond line\n")
    expect(result.stderr).not.toContain("first line")
    expect(result.stderr).not.toContain("a warning")
  }, 60_000)
})
