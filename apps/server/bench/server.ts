/**
 * The durable-runs benchmark, against the Postgres on 127.0.0.1 (PYEXEC_TEST_POSTGRES_URL) and the local
 * executor:
 *   1. approve -> start of execution: the time from sending an approval to the run's `executing`
 *      checkpoint, next to a bare authenticated API round trip measured in the same run;
 *   2. 50 runs submitted at once through the API to two server processes: all finish, none runs twice,
 *      runs/s and end-to-end latency, next to one run alone.
 * Usage: pnpm bench:server [approvals=30]
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { PostgresDatabase } from "@pyexec/testing"
import { tempDir, timesRun } from "../test/support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "../test/support/server.js"

const approvals = Number(process.argv[2] ?? 30)
const token = "bench-admin-token-0123456789"

const quantile = (xs: ReadonlyArray<number>, q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}
const ms = (x: number) => `${x.toFixed(1)} ms`


/** The `at` of the run's first transition into `status`, from its history. */
const reached = (view: Record<string, any>, status: string) =>
  Date.parse(view.history.find((h: { toStatus: string }) => h.toStatus === status).at)

const approveToExecution = async (server: ServerProcess) => {
  const client = api(server.url, token)
  const roundTrips: Array<number> = []
  for (let i = 0; i < approvals; i++) {
    const t = performance.now()
    await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text())
    roundTrips.push(performance.now() - t)
  }
  const latencies: Array<number> = []
  for (let i = 0; i < approvals; i++) {
    const { body } = await client.submit({ code: `results = {"i": ${i}}` })
    const waiting = await client.until(body.runId, (s) => s === "awaiting_approval")
    const sent = Date.now()
    const answer = await client.approve(body.runId, waiting.codeSha256)
    if (answer.status !== 200) throw new Error(`approval refused: ${JSON.stringify(answer.body)}`)
    const done = await client.until(body.runId, (s) => s === "succeeded")
    latencies.push(reached(done, "executing") - sent)
  }
  const p50 = quantile(latencies, 0.5)
  console.log(`approve -> execution start (${approvals} runs): p50 ${ms(p50)}, p99 ${ms(quantile(latencies, 0.99))} (goal: p50 < 100 ms)`)
  console.log(`  baseline, an authenticated GET /api/me: p50 ${ms(quantile(roundTrips, 0.5))}; ratio ${(p50 / quantile(roundTrips, 0.5)).toFixed(1)}x`)
}

const fiftyRuns = async (servers: ReadonlyArray<ServerProcess>, markers: string) => {
  const code = (i: number) => `with open(${JSON.stringify(path.join(markers, `${i}.txt`))}, "a") as f:\n    f.write("ran\\n")\nresults = {"i": ${i}}`
  const alone = api(servers[0]!.url, token)
  const single: Array<number> = []
  for (let i = 0; i < 5; i++) {
    const t = Date.now()
    const { body } = await alone.submit({ code: `results = {"alone": ${i}}` })
    await alone.until(body.runId, (s) => s === "succeeded")
    single.push(Date.now() - t)
  }
  const started = Date.now()
  const submitted = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const t = Date.now()
      const { status, body } = await api(servers[i % servers.length]!.url, token).submit({ code: code(i) })
      if (status !== 202) throw new Error(`submit ${i}: ${status} ${JSON.stringify(body)}`)
      return { runId: body.runId as string, t }
    })
  )
  const finished = await Promise.all(
    submitted.map(async ({ runId, t }) => {
      const view = await alone.until(runId, (s) => s !== "queued" && s !== "generating" && s !== "analyzing" && s !== "executing", 120_000)
      return { view, latency: Date.parse(view.updatedAt) - t }
    })
  )
  const seconds = (Math.max(...finished.map((f) => Date.parse(f.view.updatedAt))) - started) / 1000
  const succeeded = finished.filter((f) => f.view.status === "succeeded").length
  const executions = Array.from({ length: 50 }, (_, i) => {
    return timesRun(path.join(markers, `${i}.txt`))
  })
  const twice = executions.filter((n) => n > 1).length
  const never = executions.filter((n) => n === 0).length
  const latencies = finished.map((f) => f.latency)
  console.log(`50 runs at once, 2 server processes: ${succeeded}/50 succeeded, ${twice} executed twice, ${never} never executed`)
  console.log(`  ${(50 / seconds).toFixed(1)} runs/s; end to end p50 ${ms(quantile(latencies, 0.5))}, p99 ${ms(quantile(latencies, 0.99))}`)
  console.log(`  baseline, one run alone end to end: p50 ${ms(quantile(single, 0.5))}`)
  if (succeeded !== 50 || twice !== 0 || never !== 0) process.exitCode = 1
}

const main = async () => {
  const database = await PostgresDatabase.create()
  const servers: Array<ServerProcess> = []
  try {
    const home = tempDir("bench-approve")
    const approving = await startServer(serverEnv({ home, database: database.url, policy: "all_code", tokens: `bench:admin:${token}` }), home)
    servers.push(approving)
    await approveToExecution(approving)
    await approving.stop()
    const shared = tempDir("bench-fifty")
    for (let i = 0; i < 2; i++) servers.push(await startServer(serverEnv({ home: shared, database: database.url, policy: "disabled", tokens: `bench:admin:${token}` }), shared))
    const markers = path.join(shared, "markers")
    fs.mkdirSync(markers)
    await fiftyRuns(servers.slice(1), markers)
  } finally {
    for (const server of servers) await server.kill9().catch(() => undefined)
    await database.drop()
  }
}

await main()
