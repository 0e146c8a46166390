import { execFile } from "node:child_process"
import * as crypto from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

// deploy/compose.yaml brought up as the README says, with the images the build scripts make: PostgreSQL, two
// servers, the gateway, the demo IOC; a write run goes in through the API, is approved through it and changes the
// IOC's PV; runs spread over both servers; `down -v` leaves nothing behind.
const run = promisify(execFile)
const repo = path.resolve(import.meta.dirname, "../../..")
const project = "pyexec-compose-test"
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-compose-"))
const token = crypto.randomBytes(24).toString("base64url")
const ports = [18000 + Math.floor(Math.random() * 1000), 19000 + Math.floor(Math.random() * 1000)]
const env = { ...process.env, PYEXEC_SERVER_1_PORT: String(ports[0]), PYEXEC_SERVER_2_PORT: String(ports[1]), DOCKER_GID: String(fs.statSync("/var/run/docker.sock").gid) }
const compose = (...args: Array<string>) =>
  run("docker-compose", ["-p", project, "-f", path.join(dir, "compose.yaml"), "--profile", "demo", ...args], { env, cwd: dir, timeout: 300_000, maxBuffer: 16 << 20 })
const docker = async (...args: Array<string>) => (await run("docker", args, { timeout: 60_000 })).stdout.trim()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const api = async (port: number, method: string, route: string, body?: unknown) => {
  const response = await fetch(`http://127.0.0.1:${port}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    // a connection made while the container starts may never be answered
    signal: AbortSignal.timeout(10_000)
  })
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> }
}

const until = async <A>(what: string, probe: () => Promise<A | undefined>, timeoutMs = 120_000): Promise<A> => {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(500)
  }
}

const settled = (port: number, runId: string, statuses: Array<string>) =>
  until(`run ${runId} to be ${statuses.join("/")}`, async () => {
    const { body } = await api(port, "GET", `/api/runs/${runId}`)
    return statuses.includes(String(body.status)) ? body : undefined
  })

const iocValue = async (pv: string) =>
  Number(await docker("exec", `${project}_ioc_1`, "python3", "-c", `from caproto.sync.client import read; print(read(${JSON.stringify(pv)}, timeout=5).data[0])`))

beforeAll(async () => {
  await run(path.join(repo, "docker/build-offline"), [], { timeout: 600_000 })
  await run(path.join(repo, "docker/build-server"), [], { timeout: 600_000 })
  for (const file of ["compose.yaml", "executor.yaml"]) fs.copyFileSync(path.join(repo, "deploy", file), path.join(dir, file))
  fs.mkdirSync(path.join(dir, "secrets"))
  const password = crypto.randomBytes(18).toString("hex")
  const secrets = { postgres_password: password, database_url: `postgres://postgres:${password}@postgres:5432/pyexec`, api_tokens: `ci:admin:${token}` }
  // compose v1 mounts secret files as they are: readable by the containers' users
  for (const [name, value] of Object.entries(secrets)) fs.writeFileSync(path.join(dir, "secrets", name), `${value}\n`, { mode: 0o644 })
  await compose("up", "-d")
}, 900_000)

afterAll(async () => {
  await compose("down", "-v", "--remove-orphans").catch(() => undefined)
  fs.rmSync(dir, { recursive: true, force: true })
}, 300_000)

describe("deploy/compose.yaml", () => {
  it("both servers are ready, with the read-only network as their boundary", async () => {
    for (const port of ports) {
      const ready = await until(`/readyz on ${port}`, async () => {
        const { status, body } = await api(port, "GET", "/readyz")
        return status === 200 ? body : undefined
      }, 180_000)
      expect(ready).toMatchObject({ ready: true, executor: { kind: "container", readOnlyBoundary: { enforced: expect.stringContaining("pyexec-gateway") } } })
    }
  }, 200_000)

  it("a write run waits for approval, runs once approved through the API, and changes the IOC's PV", async () => {
    const pv = "SR:Q02:CURRENT_SP"
    const code = `import epics\nepics.caput("${pv}", 42.5, wait=True, timeout=10)\nresults = {"written": epics.caget("${pv}", timeout=10)}\n`
    const submitted = await api(ports[0]!, "POST", "/api/runs", { code })
    expect(submitted.status).toBe(202)
    const runId = String(submitted.body.runId)
    const waiting = await settled(ports[0]!, runId, ["awaiting_approval"])
    expect(await iocValue(pv)).not.toBe(42.5)
    const approved = await api(ports[1]!, "POST", `/api/runs/${runId}/approve`, { codeSha256: waiting.codeSha256 })
    expect(approved.status).toBe(200)
    const done = await settled(ports[1]!, runId, ["succeeded", "failed"])
    expect(done.status).toBe("succeeded")
    expect(await iocValue(pv)).toBe(42.5)
  }, 180_000)

  it("read-only runs need no approval and are shared by the two servers", async () => {
    const ids: Array<string> = []
    for (let i = 0; i < 8; i++) {
      const { body } = await api(ports[i % 2]!, "POST", "/api/runs", { code: `import epics\nresults = {"i": ${i}, "mode": epics.caget("SR:MODE", timeout=10)}\n` })
      ids.push(String(body.runId))
    }
    for (const id of ids) expect((await settled(ports[0]!, id, ["succeeded", "failed", "awaiting_approval"])).status).toBe("succeeded")
    const homes = await Promise.all([1, 2].map((n) => docker("exec", `${project}_server-${n}_1`, "find", "/var/lib/pyexec", "-maxdepth", "3")))
    const ranBy = homes.map((listing) => ids.filter((id) => listing.includes(id)).length)
    expect(ranBy[0]).toBeGreaterThan(0)
    expect(ranBy[1]).toBeGreaterThan(0)
  }, 240_000)

  it("down -v leaves no container, network, volume or sandbox behind", async () => {
    await compose("down", "-v", "--remove-orphans")
    expect(await docker("ps", "-aq", "--filter", `label=com.docker.compose.project=${project}`)).toBe("")
    expect(await docker("volume", "ls", "-q", "--filter", `label=com.docker.compose.project=${project}`)).toBe("")
    for (const network of ["pyexec-backend", "pyexec-controls", "pyexec-readonly"]) expect(await docker("network", "ls", "-q", "--filter", `name=^${network}$`)).toBe("")
    expect(await docker("ps", "-aq", "--filter", "label=pyexec.network=pyexec-readonly")).toBe("")
  }, 300_000)
})
