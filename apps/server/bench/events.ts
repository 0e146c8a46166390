/**
 * The event-stream benchmark: how many queries a `pyexec serve` on Postgres (PYEXEC_TEST_POSTGRES_URL) makes per
 * minute while 20 clients hold open GET /api/runs/{id}/events on runs that wait for approval (idle streams: nothing
 * happens on those runs). Counted by Postgres itself: the transactions of the bench's database (pg_stat_database,
 * every statement postgres.js sends outside a transaction is one), first with no client, then with the 20.
 * Usage: pnpm bench:events [clients=20] [seconds=30]   (needs psql)
 */
import { execFileSync } from "node:child_process"
import { PostgresDatabase } from "@pyexec/testing"
import { tempDir } from "../test/support/cli.js"
import { api, serverEnv, startServer } from "../test/support/server.js"

const clients = Number(process.argv[2] ?? 20)
const seconds = Number(process.argv[3] ?? 30)
const token = "bench-events-token-0123456789"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Transactions committed and rolled back in `url`'s database so far, as the statistics collector has them. */
const transactions = (url: string) => {
  const name = new URL(url).pathname.slice(1)
  const out = execFileSync("psql", [PostgresDatabase.serverUrl, "-Atc", `select xact_commit + xact_rollback from pg_stat_database where datname = '${name}'`])
  return Number(out.toString().trim())
}

/** Queries per minute over `seconds`, after a pause for the backends to report what came before (they do every 10 s when idle). */
const rate = async (url: string) => {
  await sleep(11_000)
  const before = transactions(url)
  await sleep(seconds * 1000)
  await sleep(11_000)
  const after = transactions(url)
  return ((after - before) * 60) / (seconds + 11)
}

const main = async () => {
  const database = await PostgresDatabase.create()
  const home = tempDir("bench-events")
  // the worker's own poll is set far off, so what is counted is the event streams
  const server = await startServer(
    { ...serverEnv({ home, tokens: `bench:requester:${token}`, policy: "all_code", database: database.url }), PYEXEC_WORKER_POLL_MS: "600000" },
    home
  )
  const streams = new AbortController()
  try {
    const client = api(server.url, token)
    const runIds: Array<string> = []
    for (let i = 0; i < clients; i++) runIds.push((await client.submit({ code: `results = {"i": ${i}}\n` })).body.runId)
    for (const runId of runIds) await client.until(runId, (status: string) => status === "awaiting_approval")

    const idle = await rate(database.url)
    for (const runId of runIds) {
      fetch(`${server.url}/api/runs/${runId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: streams.signal })
        .then((response) => response.body?.pipeTo(new WritableStream()))
        .catch(() => undefined)
    }
    const streaming = await rate(database.url)
    const perClient = (streaming - idle) / clients
    console.log(`no client: ${idle.toFixed(0)} queries/min`)
    console.log(`${clients} idle event streams: ${streaming.toFixed(0)} queries/min (${perClient.toFixed(1)} per client per minute)`)
  } finally {
    streams.abort()
    await server.stop()
    await database.drop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
