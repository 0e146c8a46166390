import * as fs from "node:fs"
import * as path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pyexec, tempDir } from "./support/cli.js"
import { startOtlpReceiver } from "./support/otlpReceiver.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "observe-alice-5b1c08e7f2"
const olga = "observe-olga-91d3a4c6e0"
const tokens = `alice:requester:${alice},olga:approver:${olga}`
const writes = `import epics\nepics.caput("OBSERVE:NOWHERE", 1, timeout=0.2)\nresults = {"done": True}\n`

const until = async <A>(what: string, probe: () => A | undefined | Promise<A | undefined>, ms = 60_000): Promise<A> => {
  const deadline = Date.now() + ms
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Submits code as alice, approves it as olga when it waits, and returns the run once it ended. */
const runThrough = async (server: ServerProcess, code: string) => {
  const asAlice = api(server.url, alice)
  const asOlga = api(server.url, olga)
  const { runId } = (await asAlice.submit({ code })).body as { runId: string }
  const waiting = await until("approval", async () => {
    const run = (await asAlice.run(runId)).body as { status: string; attempts: Array<{ codeSha256: string }> }
    return run.status === "awaiting_approval" ? run : undefined
  })
  expect((await asOlga.approve(runId, waiting.attempts[0]!.codeSha256)).status).toBe(200)
  await until("the run's end", async () => {
    const run = (await asAlice.run(runId)).body as { status: string }
    return ["succeeded", "failed"].includes(run.status) ? run : undefined
  })
  return runId
}

describe("structured logs: PYEXEC_LOG_FORMAT=json", () => {
  let server: ServerProcess
  beforeAll(async () => {
    const home = tempDir("observe-json")
    server = await startServer({ ...serverEnv({ home, tokens }), PYEXEC_LOG_FORMAT: "json" }, home)
  })
  afterAll(() => server?.stop())

  it("every line is one JSON object; a run's lines carry its id and stage; every request has an access line without its token", async () => {
    const runId = await runThrough(server, writes)
    const lines = await until("the run's last transition logged", () => {
      const all = server.log().trim().split("\n")
      return all.some((l) => l.includes(`"to":"succeeded"`) || l.includes(`"to":"failed"`)) ? all : undefined
    })
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    for (const entry of entries) expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String), message: expect.any(String) })

    const ofRun = entries.filter((e) => e.runId === runId)
    expect(ofRun.map((e) => [e.stage, e.from, e.to])).toEqual(
      expect.arrayContaining([
        ["generate", "queued", "analyzing"],
        ["analyze", "analyzing", "awaiting_approval"],
        ["decide", "awaiting_approval", "approved"],
        ["execute", "approved", "executing"]
      ])
    )
    const aboutRun = entries.filter((e) => e.access !== true && String(e.message).includes(runId))
    expect(aboutRun.filter((e) => e.runId !== runId || typeof e.stage !== "string")).toEqual([])

    const access = entries.filter((e) => e.access === true)
    expect(access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: "POST", path: "/api/runs", status: 202, remote: "127.0.0.1", durationMs: expect.any(Number) }),
        expect.objectContaining({ method: "POST", path: `/api/runs/${runId}/approve`, status: 200 })
      ])
    )
    expect(server.log()).not.toContain(alice)
    expect(server.log()).not.toContain(olga)
  })
})

describe("text logs (the default) and the CLI", () => {
  it("serve writes a person's lines: start-up, transitions and requests; a command writes no transitions", async () => {
    const home = tempDir("observe-text")
    const server = await startServer(serverEnv({ home, tokens }), home)
    try {
      const runId = await runThrough(server, writes)
      await until("the access line of the approval", () => (server.log().includes(`POST /api/runs/${runId}/approve 200`) ? true : undefined))
      const lines = server.log().trim().split("\n")
      expect(lines.every((l) => l.startsWith("pyexec: "))).toBe(true)
      expect(lines).toContain(`pyexec: serving on ${server.url}`)
      expect(lines.some((l) => l.startsWith(`pyexec: run ${runId}: awaiting_approval → approved`))).toBe(true)
    } finally {
      await server.stop()
    }
    const script = path.join(home, "read.py")
    fs.writeFileSync(script, `results = {"ok": True}\n`)
    const cli = await pyexec(["exec", script], { cwd: home, env: { PYEXEC_HOME: path.join(home, "cli"), PYEXEC_EXECUTOR: "local" } })
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stderr).not.toContain("→")
  })

  it("a PYEXEC_LOG_FORMAT that is neither text nor json is one line that names both", async () => {
    const home = tempDir("observe-bad-format")
    const result = await pyexec(["runs"], { cwd: home, env: { PYEXEC_HOME: home, PYEXEC_LOG_FORMAT: "xml" } })
    expect(result.code).toBe(3)
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^pyexec: configuration: .*PYEXEC_LOG_FORMAT.*text.*json/)])
  })
})

describe("traces: OpenTelemetry over OTLP/HTTP", () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>
  beforeAll(async () => {
    receiver = await startOtlpReceiver()
  })
  afterAll(() => receiver?.stop())

  it("a run through the API is one trace per process's stretch: its stages are spans under pyexec.run, named by the run's id", async () => {
    const home = tempDir("observe-otlp")
    const server = await startServer(
      { ...serverEnv({ home, tokens }), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_SERVICE_NAME: "pyexec-test" },
      home
    )
    let runId: string
    try {
      runId = await runThrough(server, writes)
      await until("the execute span", () => receiver.spans().find((s) => s.name === "pyexec.execute" && s.attributes["pyexec.run_id"] === runId))
    } finally {
      await server.stop()
    }
    const ofRun = receiver.spans().filter((s) => s.attributes["pyexec.run_id"] === runId)
    const named = (name: string) => ofRun.filter((s) => s.name === name)
    expect(named("pyexec.generate")).toHaveLength(1)
    expect(named("pyexec.analyze")).toHaveLength(1)
    expect(named("pyexec.execute")).toHaveLength(1)
    expect(named("pyexec.decide")).toHaveLength(1)
    // before the approval, one stretch from queued; after it, one from approved
    expect(named("pyexec.run").map((s) => s.attributes["pyexec.from_status"]).sort()).toEqual(["approved", "queued"])
    for (const stage of ["pyexec.generate", "pyexec.analyze", "pyexec.execute"]) {
      const span = named(stage)[0]!
      const parent = named("pyexec.run").find((s) => s.spanId === span.parentSpanId)
      expect(parent, `${stage} under a pyexec.run span`).toBeDefined()
      expect(parent!.traceId).toBe(span.traceId)
    }
    expect(receiver.spans().some((s) => s.attributes["http.request.method"] === "POST" && s.traceId === named("pyexec.decide")[0]!.traceId)).toBe(true)
    expect(new Set(ofRun.map((s) => s.service))).toEqual(new Set(["pyexec-test"]))
  })

  it("a command run at the terminal sends its trace before it exits, as protobuf by default", async () => {
    const home = tempDir("observe-otlp-cli")
    const script = path.join(home, "read.py")
    fs.writeFileSync(script, `results = {"ok": True}\n`)
    const before = receiver.protobufBodies().length
    const cli = await pyexec(["exec", script, "--json"], { cwd: home, env: { PYEXEC_HOME: home, PYEXEC_EXECUTOR: "local", OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/` } })
    expect(cli.code, cli.stderr).toBe(0)
    const runId = (JSON.parse(cli.stdout) as { runId: string }).runId
    const sent = Buffer.concat(receiver.protobufBodies().slice(before))
    for (const text of [runId, "pyexec.run", "pyexec.analyze", "pyexec.execute"]) expect(sent.includes(Buffer.from(text)), text).toBe(true)
  })
})
