import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Errors, type ExecutionResult, sha256 } from "@pyexec/core"
import { EpicsIoc } from "@pyexec/testing"
import { Effect, Either } from "effect"
import type * as Profiles from "../src/Profiles.js"
import * as SshExecutor from "../src/SshExecutor.js"
import type { SshHost } from "../src/ssh/SshHost.js"
import { python } from "./support/python.js"
import { closedPort, leftIn, processesWith, remote, startHostGateway, testHost } from "./support/ssh.js"

/**
 * The read-only boundary on an SSH host (issue 13): the host's pyexec-sandbox (installed by scripts/sshd, run
 * through sudo) and a pyexec-host-gateway of this file's own, reading from a pythonSoftIOC IOC.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-ssh-boundary-"))
let n = 0
let ioc: EpicsIoc.EpicsIoc
let gateway: Awaited<ReturnType<typeof startHostGateway>>

beforeAll(async () => {
  ioc = await EpicsIoc.start()
  gateway = await startHostGateway(ioc.env)
}, 60_000)
afterAll(async () => {
  await gateway?.stop()
  await ioc?.stop()
  await remote("rmdir /tmp/pyexec-test-* 2>/dev/null; true").catch(() => undefined)
})

const sandboxed = (overrides: Partial<SshHost> = {}) => testHost({ sandbox: { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: gateway.name }, ...overrides })
const profiles = (): Profiles.Profiles => ({ "read-only": { env: {} }, write: { env: ioc.env } })
const executor = (hosts: ReadonlyArray<SshHost> = [sandboxed()]) =>
  SshExecutor.make({ hosts, profiles: profiles(), maxOutputBytes: 64 * 1024, maxFigures: 5, connectTimeoutMs: 5_000 })

const job = (code: string, profile: "read-only" | "write" = "read-only") => ({
  runId: "ssh-boundary",
  attempt: 1,
  code,
  codeSha256: sha256(code),
  workDir: path.join(tmp, `job-${++n}`),
  profile,
  timeoutMs: 30_000
})

const run = (code: string, profile: "read-only" | "write" = "read-only", host = sandboxed()) =>
  Effect.runPromise(Effect.scoped(Effect.flatMap(executor([host]), (ssh) => ssh.execute(job(code, profile)))))

const said = (r: ExecutionResult.ExecutionResult) => `${r.error?.type ?? ""} ${r.error?.message ?? ""} ${r.stdout} ${r.stderr}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const setpoint = () => `${ioc.prefix}SETPOINT`
/** Sets SETPOINT back on the IOC itself (the operator's side), after a control that changed it. */
const putBack = async (value: number) => {
  const out = await python(`from caproto.sync.client import write\nwrite(${JSON.stringify(setpoint())}, ${value}, notify=True, timeout=5, repeater=False)`, ioc.env)
  expect(out.code, out.stderr).toBe(0)
  expect(await ioc.get(setpoint())).toBe(value)
}

describe("SSH executor with the host's sandbox", () => {
  it("reports the boundary enforced only when every host for read-only runs has a sandbox", async () => {
    const both = await Effect.runPromise(Effect.scoped(executor([sandboxed(), testHost({ name: "bare" })])))
    expect(both.readOnlyBoundary).toMatchObject({ _tag: "missing", reason: expect.stringMatching(/'bare'.*pyexec-sandbox/) })
    const one = await Effect.runPromise(Effect.scoped(executor([sandboxed()])))
    expect(one.readOnlyBoundary._tag).toBe("enforced")
  })

  it("problems (/readyz): none while the host and its gateway answer; one line for a host that does not, and for a sandbox whose gateway does not", { timeout: 60_000 }, async () => {
    const problems = (hosts: ReadonlyArray<SshHost>) => Effect.runPromise(Effect.scoped(Effect.flatMap(executor(hosts), (ssh) => ssh.problems!())))
    expect(await problems([sandboxed(), testHost({ name: "bare" })])).toEqual([])
    const down = testHost({ name: "down", port: await closedPort() })
    const noGateway = testHost({ name: "no-gateway", sandbox: { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: "not-running" } })
    const found = await problems([sandboxed(), down, noGateway])
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/^SSH host 'down' \(.*\) does not answer \(ECONNREFUSED\)/)
    expect(found[1]).toMatch(/^the sandbox .* does not answer on SSH host 'no-gateway'.*gateway/)
  })

  it("a read-only run reads the PV; its caput is refused and the PV is unchanged", { timeout: 60_000 }, async () => {
    const host = sandboxed()
    const result = await run(
      `import epics\nreading = epics.caget("${setpoint()}", timeout=10)\ntry:\n    epics.caput("${setpoint()}", 7.5, wait=True, timeout=5)\n    put = "written"\nexcept Exception as e:\n    put = type(e).__name__\nresults = {"reading": reading, "put": put}\n`,
      "read-only",
      host
    )
    expect(result.results).toMatchObject({ reading: 1.5 })
    // refused by the in-process guard, naming the channel (not any text with "refus" in it: a connection refused
    // would pass); the gateway behind it is the next test's; "an approved write run writes" is the control
    expect((result.results as { put: string }).put).toBe("EpicsWriteRefused")
    expect(said(result)).toContain(`this run is read-only: epics.caput('${setpoint()}') was refused`)
    expect(await ioc.get(setpoint())).toBe(1.5)
    expect(await leftIn(host.workRoot)).toEqual([])
  })

  it("a raw Channel Access write of the run's own changes nothing, and the run is told", { timeout: 60_000 }, async () => {
    const attack = fs.readFileSync(path.join(import.meta.dirname, "attacks/01-udp-search-raw-ca.py"), "utf8").replaceAll("{{PV}}", setpoint()).replaceAll("{{READ_PV}}", setpoint())
    const result = await run(attack)
    // the script ran to its end: its search found the gateway, the write got an answer, and the answer was not "written"
    expect(result.results).toMatchObject({ reading: 1.5, link_ok: false })
    expect(await ioc.get(setpoint())).toBe(1.5)
    // told by the host's gateway, which logged the refusal, naming the channel (not any message with "refus" in it)
    expect(said(result)).toContain(`the read-only gateway refused a write to ${setpoint()}`)
    // the control: the same script in an approved write run, on the same host, does change the PV
    try {
      const control = await run(attack, "write")
      expect(control.results).toMatchObject({ reading: 1.5, link_ok: true })
      expect(await ioc.get(setpoint())).not.toBe(1.5)
    } finally {
      await putBack(1.5)
    }
  })

  it("the run cannot read other processes' environment, reach 127.0.0.1:5432 or see the SSH user's login", { timeout: 60_000 }, async () => {
    const result = await run(`
import os, socket
try:
    environ = open("/proc/1/environ").read()
except OSError as e:
    environ = None
s = socket.socket()
s.settimeout(3)
try:
    s.connect(("127.0.0.1", 5432))
    postgres = True
except OSError:
    postgres = False
results = {"environ": environ, "postgres": postgres, "env": sorted(os.environ), "home": os.path.exists("/home"), "uid": os.getuid()}
`)
    expect(result.error).toBeNull()
    const r = result.results as { environ: string | null; postgres: boolean; env: Array<string>; home: boolean; uid: number }
    expect(r.environ).toBeNull()
    expect(r.postgres).toBe(false)
    expect(r.home).toBe(false)
    expect(r.env.filter((k) => /^SSH_|^SUDO_|^MAIL$|^SHELL$/.test(k))).toEqual([])
    expect(r.uid).toBeGreaterThanOrEqual(2_100_000_000)
  })

  it("a setsid grandchild that writes after 3 s changes nothing and is gone", { timeout: 60_000 }, async () => {
    const mark = `pyexec-late-${randomBytes(4).toString("hex")}`
    const result = await run(`
import subprocess, sys, epics
later = "import time, epics; time.sleep(3); epics.caput('${setpoint()}', 9.0, wait=True, timeout=5)"
child = subprocess.Popen([sys.executable, "-c", later, "${mark}"], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
results = {"reading": epics.caget("${setpoint()}", timeout=10), "child_running": child.poll() is None}
`)
    // the grandchild was alive when the run ended: what ends it is the sandbox, not an error of its own
    expect(result.results).toEqual({ reading: 1.5, child_running: true })
    expect(await processesWith(mark)).toEqual([])
    // the look for it does find a process that is there
    const control = `pyexec-control-${randomBytes(4).toString("hex")}`
    await remote(`nohup sh -c 'sleep 5' ${control} >/dev/null 2>&1 &`)
    expect((await processesWith(control)).length).toBeGreaterThan(0)
    await sleep(4_500)
    expect(await ioc.get(setpoint())).toBe(1.5)
  })

  it("an approved write run writes", { timeout: 60_000 }, async () => {
    const pv = `${ioc.prefix}COUNT`
    const result = await run(`import epics\nepics.caput("${pv}", 42, wait=True, timeout=10)\nresults = {"now": epics.caget("${pv}", use_monitor=False, timeout=10)}\n`, "write")
    expect(result.error).toBeNull()
    expect(result.results).toEqual({ now: 42 })
    expect(await ioc.get(pv)).toBe(42)
  })

  it("a host whose sandbox does not answer is an infrastructure error that names the fix", { timeout: 30_000 }, async () => {
    const host = sandboxed({ sandbox: { command: "sudo -n /usr/local/sbin/pyexec-sandbox", gateway: "not-running" } })
    const outcome = await Effect.runPromise(Effect.either(Effect.scoped(Effect.flatMap(executor([host]), (ssh) => ssh.execute(job("results = {}"))))))
    expect(Either.isLeft(outcome)).toBe(true)
    const error = (outcome as Either.Left<Errors.ExecutorUnavailable, unknown>).left
    expect(error).toBeInstanceOf(Errors.ExecutorUnavailable)
    expect(error.codeMayHaveRun).toBe(false)
    expect(error.message).toMatch(/does not answer.*pyexec-gateway/s)
  })
})
