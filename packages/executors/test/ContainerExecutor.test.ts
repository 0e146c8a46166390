import * as fs from "node:fs"
import * as os from "node:os"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Errors, type Executor } from "@pyexec/core"
import { Effect } from "effect"
import { ExecutorConfig } from "../src/index.js"
import { labels } from "../src/container/sandbox.js"
import { docker, job, ours, start } from "./support/container.js"

let sandbox: Awaited<ReturnType<typeof start>>
const run = (code: string, timeoutMs?: number) => sandbox.executor.execute(job(code, "read-only", timeoutMs))

beforeAll(async () => {
  sandbox = await start()
}, 60_000)
afterAll(async () => {
  await sandbox?.close()
  // the acceptance: no container is left behind
  expect(await ours()).toEqual([])
})

describe("ContainerExecutor: the sandbox contains what it runs", () => {
  it.live("has no network", () =>
    Effect.gen(function* () {
      const result = yield* run(`
import socket
s = socket.socket()
s.settimeout(2)
s.connect(("172.17.0.1", 5432))
`)
      expect(result.error?.type).toMatch(/OSError|ConnectionRefusedError|TimeoutError|gaierror/)
      expect(result.error?.message).toMatch(/unreachable|refused|timed out/i)
    }))

  it.live("cannot write outside its work folder, and runs as a user without privileges", () =>
    Effect.gen(function* () {
      const result = yield* run(`
import os
results = {"uid": os.getuid(), "cwd": os.getcwd()}
open("scratch.txt", "w").write("fine")
results["in_work"] = open("scratch.txt").read()
for target in ("/etc/pyexec-test", "/usr/lib/pyexec-test", "/pyexec-test"):
    try:
        open(target, "w").write("no")
        results[target] = "written"
    except OSError as e:
        results[target] = type(e).__name__
`)
      expect(result.error).toBeNull()
      expect(result.results).toMatchObject({ uid: 10001, cwd: "/work", in_work: "fine" })
      for (const target of ["/etc/pyexec-test", "/usr/lib/pyexec-test", "/pyexec-test"]) {
        expect((result.results as Record<string, string>)[target]).toMatch(/OSError|PermissionError/)
      }
    }))

  it.live("contains a fork bomb: the run ends with an error and the server keeps serving", () =>
    Effect.gen(function* () {
      const result = yield* run("import os\nwhile True:\n    os.fork()\n", 20_000)
      expect(result.error).not.toBeNull()
      expect(`${result.error?.type}: ${result.error?.message}`).toMatch(/BlockingIOError|Resource temporarily unavailable|Timeout/)
      const after = yield* run("results = {'alive': True}")
      expect(after.results).toEqual({ alive: true })
    }))

  it.live("turns a 10 GB allocation into a clear error", () =>
    Effect.gen(function* () {
      const result = yield* run("b = bytearray(10 * 1024 ** 3)\nresults = {'n': len(b)}\n")
      expect(result.error?.type).toBe("MemoryError")
      expect(result.error?.message).toContain("memory limit")
      expect(result.resultsPresent).toBe(false)
    }))

  // read-only sandboxes share the door's network and host name: the cgroup names the container
  const containerId = "import re\ncid = re.search(r'[0-9a-f]{64}', open('/proc/self/cgroup').read()).group(0)[:12]"

  it.live("kills the container at the time limit, and removes it", () =>
    Effect.gen(function* () {
      const result = yield* run(`${containerId}\nprint(cid, flush=True)\nwhile True:\n    pass\n`, 1500)
      expect(result.timedOut).toBe(true)
      expect(result.error?.type).toBe("Timeout")
      const id = result.stdout.trim()
      expect(id).toMatch(/^[0-9a-f]{12}$/)
      const gone = () => docker.listContainers({ all: true, filters: { id: [id] } }).then((l) => l.length === 0)
      for (let i = 0; i < 50 && !(yield* Effect.promise(gone)); i++) yield* Effect.sleep("100 millis")
      expect(yield* Effect.promise(gone)).toBe(true)
    }))

  it.live("never reuses a container: each run sees a fresh work folder", () =>
    Effect.gen(function* () {
      const first = yield* run(`open('left-behind.txt', 'w').write('x')\n${containerId}\nresults = {'host': cid}`)
      const second = yield* run(`import os\n${containerId}\nresults = {'host': cid, 'seen': os.path.exists('left-behind.txt')}`)
      expect(second.results).toMatchObject({ seen: false })
      expect((second.results as { host: string }).host).not.toBe((first.results as { host: string }).host)
    }))
})

describe("ContainerExecutor: infrastructure errors name the fix", () => {
  const expectUnavailable = (executor: Executor.Executor["Type"], pattern: RegExp) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(executor.execute(job("results = {}")))
      expect(error).toBeInstanceOf(Errors.ExecutorUnavailable)
      expect(error.codeMayHaveRun).toBe(false)
      expect(error.message).toMatch(pattern)
    })

  it.live("Docker unreachable", () =>
    Effect.gen(function* () {
      const down = yield* Effect.promise(() => start({ docker: { socketPath: "/nonexistent/docker.sock" } }))
      yield* expectUnavailable(down.executor, /Docker engine at \/nonexistent\/docker.sock does not answer.*start it/)
      yield* Effect.promise(down.close)
    }))

  it.live("the image missing", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.promise(() => start({ image: "pyexec-sandbox:not-built" }))
      yield* expectUnavailable(missing.executor, /sandbox image pyexec-sandbox:not-built is not on the Docker engine: build it with docker\/build-offline/)
      yield* Effect.promise(missing.close)
    }))

  it.live("a profile's network missing", () =>
    Effect.gen(function* () {
      const bad = yield* Effect.promise(() => start({ profiles: { "read-only": { env: {}, network: "pyexec-no-such-net" }, write: { env: {} } } }))
      yield* expectUnavailable(bad.executor, /network 'pyexec-no-such-net'.*does not exist/)
      yield* Effect.promise(bad.close)
    }))
})

describe("ContainerExecutor: start-up", () => {
  it.live("removes the containers of a pyexec server on this host that died", () =>
    Effect.gen(function* () {
      const orphan = yield* Effect.promise(() =>
        docker.createContainer({
          Image: ExecutorConfig.defaultImage,
          Cmd: ["sleep", "infinity"],
          Labels: { [labels.managed]: "true", [labels.owner]: `${os.hostname()}/999999` },
          HostConfig: { NetworkMode: "none" }
        })
      )
      const other = yield* Effect.promise(() => start({ poolSize: 0 }))
      const left = yield* Effect.promise(() => docker.listContainers({ all: true, filters: { id: [orphan.id] } }))
      expect(left).toEqual([])
      yield* Effect.promise(other.close)
    }))

  it.live("removes the containers of an earlier process with its pid (a server container restarted), and keeps those of live processes", () =>
    Effect.gen(function* () {
      const labelled = (owner: string) =>
        Effect.promise(() =>
          docker.createContainer({
            Image: ExecutorConfig.defaultImage,
            Cmd: ["sleep", "infinity"],
            Labels: { [labels.managed]: "true", [labels.owner]: owner },
            HostConfig: { NetworkMode: "none" }
          })
        )
      const predecessor = yield* labelled(`${os.hostname()}/${process.pid}/00000000`)
      // a live process on this host (the test's parent) and another host's server are not ours to judge
      const live = yield* labelled(`${os.hostname()}/${process.ppid}/0badc0de`)
      const elsewhere = yield* labelled(`another-host/${process.pid}/00000000`)
      const other = yield* Effect.promise(() => start({ poolSize: 0 }))
      const left = yield* Effect.promise(() => docker.listContainers({ all: true, filters: { id: [predecessor.id, live.id, elsewhere.id] } }))
      expect(left.map((c) => c.Id).sort()).toEqual([live.id, elsewhere.id].sort())
      yield* Effect.promise(() => Promise.all([live, elsewhere].map((c) => c.remove({ force: true }))))
      yield* Effect.promise(other.close)
    }))

  it("pins the image tag that docker/build-offline builds", () => {
    const pinned = fs.readFileSync(new URL("../../../docker/IMAGE", import.meta.url), "utf8").trim()
    expect(ExecutorConfig.defaultImage).toBe(pinned)
  })
})
