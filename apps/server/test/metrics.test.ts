import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { freePort } from "@pyexec/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { repoRoot, tempDir } from "./support/cli.js"
import { api, type ServerProcess, serverEnv, startServer } from "./support/server.js"

const alice = "metrics-alice-7d2e91c4b0"
const olga = "metrics-olga-3f8a60d2e1"
const dashboard = JSON.parse(fs.readFileSync(path.join(repoRoot, "deploy/grafana/pyexec-dashboard.json"), "utf8"))

/** The value of one sample of a Prometheus text page, by its name and labels as written (`name{a="b"}`). */
const sample = (page: string, series: string) => {
  const line = page.split("\n").find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

const until = async <A>(what: string, probe: () => Promise<A | undefined>, ms = 60_000): Promise<A> => {
  const deadline = Date.now() + ms
  for (;;) {
    const found = await probe().catch(() => undefined)
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe("health and metrics of pyexec serve, scraped by a real Prometheus", () => {
  let server: ServerProcess
  let prometheus: ChildProcess | undefined
  let prometheusUrl: string

  beforeAll(async () => {
    const home = tempDir("metrics")
    server = await startServer(serverEnv({ home, tokens: `alice:requester:${alice},olga:approver:${olga}` }), home)
    const folder = tempDir("prometheus")
    fs.writeFileSync(
      path.join(folder, "prometheus.yml"),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: pyexec\n    static_configs:\n      - targets: ["${new URL(server.url).host}"]\n`
    )
    const port = await freePort()
    prometheusUrl = `http://127.0.0.1:${port}`
    prometheus = spawn(
      "prometheus",
      [`--config.file=${path.join(folder, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(folder, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: "ignore" }
    )
  }, 120_000)
  afterAll(async () => {
    prometheus?.kill()
    await server?.stop()
  })

  it("/healthz answers; /readyz says the store answers and what the executor's boundary is", async () => {
    const health = await fetch(`${server.url}/healthz`)
    expect([health.status, await health.text()]).toEqual([200, "ok\n"])
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ ready: true, store: { ok: true }, executor: { kind: "local", problems: [] } })
    // the probe of the gateways leaves no trace in their logs (a reset connection was an error line per probe)
    await new Promise((r) => setTimeout(r, 500))
    expect(server.log()).not.toContain("pvxs")
  })

  it("/metrics counts runs by status, transitions, execution time and the wait for approval; Prometheus scrapes it and every dashboard query has data", async () => {
    const client = api(server.url, alice)
    const readOnly = (await client.submit({ code: 'results = {"x": 1}\n' })).body.runId
    const write = (await client.submit({ code: 'import epics\nepics.caput("PYEXEC:METRICS:SP", 1, connection_timeout=0.5)\nresults = {}\n' })).body.runId
    const waiting = await until("the write run to wait", async () => {
      const view = (await client.run(write)).body
      return view.status === "awaiting_approval" ? view : undefined
    })
    await until("the read-only run to succeed", async () => ((await client.run(readOnly)).body.status === "succeeded" ? true : undefined))
    expect((await api(server.url, olga).post(`/api/runs/${write}/reject`, { reason: "not today" })).status).toBe(200)
    expect(waiting.attempts[0].codeSha256).toBeDefined()

    const response = await fetch(`${server.url}/metrics`)
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8")
    const page = await response.text()
    expect(sample(page, 'pyexec_runs{status="succeeded"}')).toBe(1)
    expect(sample(page, 'pyexec_runs{status="rejected"}')).toBe(1)
    expect(sample(page, 'pyexec_runs{status="queued"}')).toBe(0)
    expect(sample(page, "pyexec_queue_depth")).toBe(0)
    expect(sample(page, "pyexec_approval_oldest_wait_seconds")).toBe(0)
    expect(sample(page, 'pyexec_run_transitions_total{status="succeeded"}')).toBe(1)
    expect(sample(page, 'pyexec_run_transitions_total{status="awaiting_approval"}')).toBe(1)
    expect(sample(page, 'pyexec_execution_duration_seconds_count{executor="local",profile="read-only"}')).toBe(1)
    expect(sample(page, 'pyexec_execution_duration_seconds_bucket{executor="local",profile="read-only",le="+Inf"}')).toBe(1)
    expect(sample(page, 'pyexec_approval_wait_seconds_count{decision="rejected"}')).toBe(1)
    expect(sample(page, "pyexec_generation_failures_total")).toBe(0)
    expect(page).toContain("# TYPE pyexec_execution_duration_seconds histogram")

    // Prometheus: the target is up, and each of the dashboard's queries returns series
    const query = async (expr: string) => {
      const answer = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`).then((r) => r.json() as Promise<{ data: { result: Array<unknown> } }>)
      return answer.data.result
    }
    await until("Prometheus to scrape pyexec", async () => ((await query('up{job="pyexec"} == 1')).length === 1 ? true : undefined))
    const exprs: Array<string> = dashboard.panels.flatMap((p: { targets: Array<{ expr: string }> }) => p.targets.map((t) => t.expr.replaceAll("$__rate_interval", "1m")))
    expect(exprs.length).toBeGreaterThanOrEqual(10)
    for (const expr of exprs) await until(`data for ${expr}`, async () => ((await query(expr)).length > 0 ? true : undefined), 30_000)
  }, 120_000)

  // last: it leaves the server without its gateway
  it("/readyz answers 503 naming the read-only gateway once it is gone", async () => {
    const [gateway] = execFileSync("pgrep", ["-P", String(server.child.pid), "-f", "pyexec_ca_gateway.py"], { encoding: "utf8" }).trim().split("\n").map(Number)
    process.kill(gateway!, "SIGKILL")
    const body = await until("/readyz to say so", async () => {
      const ready = await fetch(`${server.url}/readyz`)
      return ready.status === 503 ? ((await ready.json()) as { executor: { problems: Array<string> } }) : undefined
    })
    expect(body).toMatchObject({ ready: false, store: { ok: true } })
    expect(body.executor.problems).toEqual([expect.stringMatching(/^the read-only Channel Access gateway \(127\.0\.0\.1:\d+\) does not take a connection$/)])
  })
})
