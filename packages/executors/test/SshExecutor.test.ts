import { randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Errors, sha256 } from "@pyexec/core"
import { Effect, Either, Fiber, Schema } from "effect"
import ssh2 from "ssh2"
import * as Profiles from "../src/Profiles.js"
import * as SshExecutor from "../src/SshExecutor.js"
import type { SshHost } from "../src/ssh/SshHost.js"
import { closedPort, eventually, knownHostsLines, leftIn, processesWith, remote, sshEnv, tcpProxy, testHost } from "./support/ssh.js"

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-ssh-"))
let n = 0

interface Setup {
  readonly hosts?: ReadonlyArray<SshHost>
  readonly profiles?: Profiles.Profiles
  readonly maxOutputBytes?: number
}

/** An executor on the test sshd, for the scope of one test. */
const executor = (setup: Setup = {}) =>
  SshExecutor.make({
    hosts: setup.hosts ?? [testHost()],
    profiles: setup.profiles ?? Profiles.none,
    maxOutputBytes: setup.maxOutputBytes ?? 64 * 1024,
    maxFigures: 20,
    connectTimeoutMs: 5_000
  })

const job = (code: string, options: { timeoutMs?: number; profile?: "read-only" | "write" } = {}) => ({
  runId: "ssh-test",
  attempt: 1,
  code,
  codeSha256: sha256(code),
  workDir: path.join(tmp, `job-${++n}`),
  profile: options.profile ?? "read-only",
  timeoutMs: options.timeoutMs ?? 30_000
})

const marker = () => `pyexec-mark-${randomBytes(6).toString("hex")}`

/** Python that starts a `sleep` whose argv[0] is the marker, so that a check over SSH can find it. */
const sleeper = (mark: string) => `
import subprocess, time
subprocess.Popen(["${mark}", "300"], executable="sleep")
print("started", flush=True)
time.sleep(300)
`

const expectUnavailable = (error: unknown) => {
  expect(error).toBeInstanceOf(Errors.ExecutorUnavailable)
  return error as Errors.ExecutorUnavailable
}

describe("SshExecutor", () => {
  // each test's work root is left empty on the test host: remove the empty ones
  afterAll(() => remote("rmdir /tmp/pyexec-test-* 2>/dev/null; true").catch(() => undefined))

  it.live("returns results, stdout, stderr and a figure", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const host = testHost()
        const ssh = yield* executor({ hosts: [host] })
        const result = yield* ssh.execute(
          job(`
import sys
import numpy as np
import matplotlib.pyplot as plt
print("hello")
print("warn", file=sys.stderr)
plt.plot([1, 2, 3])
results = {"mean": np.float64(2.5), "arr": np.arange(3)}
`)
        )
        expect(result.error).toBeNull()
        expect(result.exitCode).toBe(0)
        expect(result.stdout).toBe("hello\n")
        expect(result.stderr).toBe("warn\n")
        expect(result.results).toEqual({ mean: 2.5, arr: [0, 1, 2] })
        expect(result.figures).toHaveLength(1)
        expect(fs.readFileSync(result.figures[0]!).subarray(1, 4).toString()).toBe("PNG")
        expect(yield* Effect.promise(() => leftIn(host.workRoot))).toEqual([])
      })
    ))

  it.live("records an exception with a traceback that points at the code's line", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor()
        const result = yield* ssh.execute(job("x = 1\n\ndef f():\n    return 1 / 0\n\nf()\n"))
        expect(result.exitCode).toBe(1)
        expect(result.error?.type).toBe("ZeroDivisionError")
        expect(result.error?.line).toBe(4)
        expect(result.error?.traceback).toContain('code.py", line 4, in f')
        expect(result.error?.traceback).not.toContain("pyexec_runner")
      })
    ))

  it.live("carries unicode in output and results", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor()
        const result = yield* ssh.execute(job(`import sys\nprint("héllo ✓ 日本 🚀")\nprint("ß→", file=sys.stderr)\nresults = {"s": "Ünïcødé ✓"}\n`))
        expect(result.error).toBeNull()
        expect(result.stdout).toBe("héllo ✓ 日本 🚀\n")
        expect(result.stderr).toBe("ß→\n")
        expect(result.results).toEqual({ s: "Ünïcødé ✓" })
      })
    ))

  it.live("caps stdout and says so, and still returns the results", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor({ maxOutputBytes: 1024 })
        const result = yield* ssh.execute(job(`print("x" * 200_000)\nresults = {"ok": True}\n`))
        expect(result.stdoutTruncated).toBe(true)
        expect(result.stdout).toContain(`[pyexec: ${200_001 - 1024} bytes of output cut here (limit 1024 bytes)]`)
        expect(result.stdout.length).toBeLessThan(1200)
        expect(result.results).toEqual({ ok: true })
      })
    ))

  it.live("on timeout kills the remote process group and removes the remote folder", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const host = testHost()
        const mark = marker()
        const ssh = yield* executor({ hosts: [host] })
        const result = yield* ssh.execute(job(sleeper(mark), { timeoutMs: 2_000 }))
        expect(result.timedOut).toBe(true)
        expect(result.error?.type).toBe("Timeout")
        expect(result.stdout).toBe("started\n")
        expect(result.stderr).toBe("")
        expect(result.durationMs).toBeLessThan(8_000)
        expect(yield* Effect.promise(() => processesWith(mark))).toEqual([])
        expect(yield* Effect.promise(() => leftIn(host.workRoot))).toEqual([])
      })
    ))

  it.live("an interrupted run kills the remote process group", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const host = testHost()
        const mark = marker()
        const ssh = yield* executor({ hosts: [host] })
        const fiber = yield* Effect.fork(ssh.execute(job(sleeper(mark))))
        const running = yield* Effect.promise(() => eventually(() => processesWith(mark), (p) => p.length > 0))
        expect(running).toHaveLength(1)
        yield* Fiber.interrupt(fiber)
        expect(yield* Effect.promise(() => processesWith(mark))).toEqual([])
        expect(yield* Effect.promise(() => eventually(() => leftIn(host.workRoot), (l) => l.length === 0, 5_000))).toEqual([])
      })
    ))

  it.live("passes the profile's environment to the code, quoted as it is", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const value = `it's "quoted" $HOME \`id\` ; rm -rf / \\ end\nline 2 ✓`
        const ssh = yield* executor({ profiles: { "read-only": { env: { PYEXEC_TEST_VALUE: value, OTHER: "" } }, write: { env: {} } } })
        const result = yield* ssh.execute(job(`import os\nresults = {"v": os.environ["PYEXEC_TEST_VALUE"], "o": os.environ["OTHER"]}\n`))
        expect(result.error).toBeNull()
        expect(result.results).toEqual({ v: value, o: "" })
      })
    ))

  it.live("a read-only profile refuses an EPICS write", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor({ profiles: { "read-only": { env: { EPICS_CA_AUTO_ADDR_LIST: "NO" } }, write: { env: {} } } })
        const result = yield* ssh.execute(job(`import epics\nepics.caput("X:Y", 1)\n`))
        expect(result.error?.type).toBe("EpicsWriteRefused")
      })
    ))

  it.live("takes turns among the hosts, and keeps to the hosts a profile names", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const a = testHost({ name: "a" })
        const b = testHost({ name: "b" })
        const profiles = { "read-only": { env: {} }, write: { env: {}, hosts: ["b"] } }
        const ssh = yield* executor({ hosts: [a, b], profiles })
        const where = (profile: "read-only" | "write") =>
          ssh.execute(job("import os\nresults = {'cwd': os.getcwd()}\n", { profile })).pipe(Effect.map((r) => String((r.results as { cwd: string }).cwd)))
        const roots: Array<string> = []
        for (let i = 0; i < 4; i++) roots.push(yield* where("read-only"))
        expect(roots.map((cwd) => (cwd.startsWith(a.workRoot) ? "a" : cwd.startsWith(b.workRoot) ? "b" : cwd))).toEqual(["a", "b", "a", "b"])
        for (let i = 0; i < 2; i++) expect((yield* where("write")).startsWith(b.workRoot)).toBe(true)
      })
    ))

  it.live("a profile that names no configured host is a clear configuration error", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor({ profiles: { "read-only": { env: {}, hosts: ["nowhere"] }, write: { env: {} } } })
        const error = expectUnavailable(yield* Effect.flip(ssh.execute(job("results = {}\n"))))
        expect(error.reason).toBe("misconfigured")
        expect(error.codeMayHaveRun).toBe(false)
        expect(error.message).toContain("'nowhere'")
        expect(error.message).toContain("'test'")
      })
    ))

  it.live("runs on the next host when one does not answer", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const down = testHost({ name: "down", port: yield* Effect.promise(closedPort) })
        const up = testHost({ name: "up" })
        const ssh = yield* executor({ hosts: [down, up] })
        for (let i = 0; i < 2; i++) {
          const result = yield* ssh.execute(job("results = {'x': 1}\n"))
          expect(result.results).toEqual({ x: 1 })
        }
      })
    ))

  it.live("refuses a host whose key is not the pinned one, before any code runs", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const env = sshEnv()
        const wrong = `SHA256:${Buffer.alloc(32).toString("base64").replace(/=+$/, "")}`
        const canary = `/tmp/${marker()}`
        const ssh = yield* executor({ hosts: [testHost({ name: "pinned", hostKey: { fingerprint: wrong } })] })
        const error = expectUnavailable(yield* Effect.flip(ssh.execute(job(`open("${canary}", "w").write("ran")\n`))))
        expect(error.reason).toBe("misconfigured")
        expect(error.codeMayHaveRun).toBe(false)
        expect(error.message).toContain("'pinned'")
        expect(error.message).toContain(env.fingerprint)
        expect(error.message).toContain(`does not match the pinned fingerprint ${wrong}`)
        expect(error.message).toContain("hostKey.fingerprint")
        expect((yield* Effect.promise(() => remote(`test -e ${canary} && echo ran || echo absent`))).trim()).toBe("absent")
      })
    ))

  it.live("accepts the host through known_hosts, plain or hashed, and refuses it when it is missing or different", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const lines = yield* Effect.promise(knownHostsLines)
        const file = (name: string, text: string) => {
          const p = path.join(tmp, name)
          fs.writeFileSync(p, text)
          return p
        }
        const other = ssh2.utils.generateKeyPairSync("ed25519").public.split(" ")[1]!
        const files = {
          plain: file("plain", `# comment\nother.example ${lines.type} ${other}\n${lines.plain}\n`),
          hashed: file("hashed", `${lines.hashed}\n`),
          pattern: file("pattern", `[127.0.0.*]:*,!bad ${lines.plain.split(" ").slice(1).join(" ")}\n`),
          missing: file("missing", `other.example ${lines.plain.split(" ").slice(1).join(" ")}\n`),
          different: file("different", `${lines.plain.split(" ")[0]} ${lines.type} ${other}\n`)
        }
        const ssh = yield* executor({
          hosts: Object.entries(files).map(([name, knownHosts]) => testHost({ name, hostKey: { knownHosts } })),
          profiles: {
            "read-only": { env: {}, hosts: ["plain"] },
            write: { env: {}, hosts: ["hashed"] }
          }
        })
        for (const profile of ["read-only", "write"] as const) {
          const result = yield* ssh.execute(job("results = {'ok': True}\n", { profile }))
          expect(result.results).toEqual({ ok: true })
        }
        const refused = (name: string) =>
          SshExecutor.make({
            hosts: [testHost({ name, hostKey: { knownHosts: files[name as keyof typeof files] } })],
            profiles: Profiles.none,
            maxOutputBytes: 1024,
            maxFigures: 1
          }).pipe(Effect.flatMap((e) => Effect.flip(e.execute(job("results = {}\n")))))
        const ok = yield* SshExecutor.make({
          hosts: [testHost({ name: "pattern", hostKey: { knownHosts: files.pattern } })],
          profiles: Profiles.none,
          maxOutputBytes: 1024,
          maxFigures: 1
        }).pipe(Effect.flatMap((e) => e.execute(job("results = {'ok': 1}\n"))))
        expect(ok.results).toEqual({ ok: 1 })
        const missing = expectUnavailable(yield* refused("missing"))
        expect(missing.reason).toBe("misconfigured")
        expect(missing.message).toContain(`is not in ${files.missing}`)
        const different = expectUnavailable(yield* refused("different"))
        expect(different.message).toContain(`differs from the ${lines.type} key that ${files.different} has`)
        expect(different.message).toContain(sshEnv().fingerprint)
      })
    ))

  it.live("a closed port is unreachable, and the code has not run", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const port = yield* Effect.promise(closedPort)
        const ssh = yield* executor({ hosts: [testHost({ name: "closed", port })] })
        const error = expectUnavailable(yield* Effect.flip(ssh.execute(job("results = {}\n"))))
        expect(error.reason).toBe("unreachable")
        expect(error.codeMayHaveRun).toBe(false)
        expect(error.message).toContain(`127.0.0.1:${port}`)
        expect(error.message).toContain("ECONNREFUSED")
        expect(error.message).toContain("start sshd")
      })
    ))

  it.live("a key the host does not accept is a configuration error that names the fix", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const key = path.join(tmp, "stranger_key")
        fs.writeFileSync(key, ssh2.utils.generateKeyPairSync("ed25519").private, { mode: 0o600 })
        const ssh = yield* executor({ hosts: [testHost({ name: "stranger", privateKey: key })] })
        const error = expectUnavailable(yield* Effect.flip(ssh.execute(job("results = {}\n"))))
        expect(error.reason).toBe("misconfigured")
        expect(error.codeMayHaveRun).toBe(false)
        expect(error.message).toContain(`refused the key ${key}`)
        expect(error.message).toContain("authorized_keys")
      })
    ))

  it.live("a private key that cannot be read or used is a configuration error", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const missing = path.join(tmp, "no_such_key")
        const locked = path.join(tmp, "locked_key")
        fs.writeFileSync(locked, ssh2.utils.generateKeyPairSync("ed25519", { passphrase: "secret", cipher: "aes256-cbc", rounds: 16 }).private, { mode: 0o600 })
        for (const [privateKey, says] of [
          [missing, `cannot read the private key ${missing}`],
          [locked, "passphrase"]
        ] as const) {
          const ssh = yield* executor({ hosts: [testHost({ name: "keyed", privateKey })] })
          const error = expectUnavailable(yield* Effect.flip(ssh.execute(job("results = {}\n"))))
          expect(error.reason).toBe("misconfigured")
          expect(error.codeMayHaveRun).toBe(false)
          expect(error.message).toContain(says)
        }
      })
    ))

  it.live("a Python that is not on the host is a configuration error, and the code has not run", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const ssh = yield* executor({ hosts: [testHost({ python: "/nonexistent/python3" })] })
        const error = expectUnavailable(yield* Effect.flip(ssh.execute(job("results = {}\n"))))
        expect(error.reason).toBe("misconfigured")
        expect(error.codeMayHaveRun).toBe(false)
        expect(error.message).toContain("'/nonexistent/python3' was not found")
      })
    ))

  it.live("a connection dropped mid-run is lost, the code may have run, and the host is cleaned up", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const proxy = yield* Effect.acquireRelease(Effect.promise(tcpProxy), (p) => Effect.promise(p.close))
        const host = testHost({ name: "proxied", port: proxy.port })
        const mark = marker()
        const ssh = yield* executor({ hosts: [host] })
        const fiber = yield* Effect.fork(ssh.execute(job(sleeper(mark))))
        yield* Effect.promise(() => eventually(() => processesWith(mark), (p) => p.length > 0))
        proxy.cut()
        const error = expectUnavailable(yield* Fiber.join(fiber).pipe(Effect.flip, Effect.timeout("10 seconds")))
        expect(error.reason).toBe("lost")
        expect(error.codeMayHaveRun).toBe(true)
        expect(error.message).toContain("'proxied'")
        // the executor reconnects to kill what is left and remove the folder
        expect(yield* Effect.promise(() => eventually(() => processesWith(mark), (p) => p.length === 0))).toEqual([])
        expect(yield* Effect.promise(() => eventually(() => leftIn(host.workRoot), (l) => l.length === 0))).toEqual([])
        // and the next run gets a new connection
        const result = yield* ssh.execute(job("results = {'again': True}\n"))
        expect(result.results).toEqual({ again: true })
      })
    ))

  it.live("reuses one connection for consecutive runs", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const proxy = yield* Effect.acquireRelease(Effect.promise(tcpProxy), (p) => Effect.promise(p.close))
        const ssh = yield* executor({ hosts: [testHost({ port: proxy.port })] })
        for (let i = 0; i < 3; i++) expect((yield* ssh.execute(job(`results = {"i": ${i}}\n`))).results).toEqual({ i })
        expect(proxy.open()).toBe(1)
        const results = yield* Effect.all(
          Array.from({ length: 6 }, (_, i) => ssh.execute(job(`import time\ntime.sleep(0.3)\nresults = {"i": ${i}}\n`))),
          { concurrency: "unbounded" }
        )
        expect(results.map((r) => r.results)).toEqual(Array.from({ length: 6 }, (_, i) => ({ i })))
      })
    ))
})

describe("SshHost schema", () => {
  it("decodes a configured host with defaults", () => {
    const host = Schema.decodeUnknownSync(SshExecutor.SshHost)({
      name: "beamline",
      host: "analysis.example",
      user: "pyexec",
      privateKey: "/etc/pyexec/id_ed25519",
      hostKey: { fingerprint: "SHA256:C9hH8SbtOOfEnooQ2Z4fOvgckALu03+3VD8jMEX7Vw8" }
    })
    expect(host).toMatchObject({ port: 22, python: "python3", workRoot: "/tmp/pyexec" })
  })

  it("says what is wrong with a host entry", () => {
    const decode = Schema.decodeUnknownEither(SshExecutor.SshHosts)
    const bad = decode([{ name: "a", host: "h", user: "u", privateKey: "k", hostKey: { fingerprint: "MD5:aa:bb" } }])
    expect(Either.isLeft(bad) && String(bad.left)).toContain("SHA256:")
    const twice = decode([
      { name: "a", host: "h", user: "u", privateKey: "k", hostKey: { knownHosts: "/etc/ssh/ssh_known_hosts" } },
      { name: "a", host: "h2", user: "u", privateKey: "k", hostKey: { knownHosts: "/etc/ssh/ssh_known_hosts" } }
    ])
    expect(Either.isLeft(twice) && String(twice.left)).toContain("is used twice")
  })
})
