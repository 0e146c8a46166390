import * as fs from "node:fs/promises"
import * as path from "node:path"
import type { Errors, Executor } from "@pyexec/core"
import { sandboxReport } from "../internal/bundle.js"
import type { ProcessOutcome } from "../internal/process.js"
import * as Profiles from "../Profiles.js"
import { allowedHosts } from "./choose.js"
import type { HostConnections } from "./connection.js"
import { connectError, unavailable } from "./errors.js"
import { quote } from "./script.js"
import type { SshHost } from "./SshHost.js"

/**
 * The read-only boundary on SSH hosts is built by each host's pyexec-sandbox (packages/executors/host): it holds
 * for the executor only when every host a read-only run may go to has one.
 */
export const boundaryOf = (hosts: ReadonlyArray<SshHost>, profiles: Profiles.Profiles): Executor.ReadOnlyBoundary => {
  const readOnly = allowedHosts(hosts, Profiles.settings(profiles, "read-only"), "read-only")
  if (!Array.isArray(readOnly)) return { _tag: "missing", reason: (readOnly as Errors.ExecutorUnavailable).message }
  const without = readOnly.filter((h) => !h.sandbox)
  if (without.length === 0) {
    return {
      _tag: "enforced",
      detail: `pyexec-sandbox on ${readOnly.map((h) => `'${h.name}'`).join(", ")} (bubblewrap, a user and a cgroup per run); read-only runs reach only the host's read-only gateways`
    }
  }
  return {
    _tag: "missing",
    reason:
      `the SSH host${without.length > 1 ? "s" : ""} ${without.map((h) => `'${h.name}'`).join(", ")} run${without.length > 1 ? "" : "s"} the code as the host's user, with that host's network: ` +
      `install pyexec-sandbox, pyexec-host-gateway and the sudoers rule there and set sandbox in the host's configuration (README, "Security model")`
  }
}

const fix = (host: SshHost) =>
  `install pyexec-sandbox and pyexec-host-gateway on '${host.host}', allow ${host.user} to run the sandbox through sudoers, and start pyexec-gateway (README, "Security model")`

/** What a failed sandbox said, with the fix it points at. */
const sandboxError = (host: SshHost, what: string, said: string) => {
  const tail = said.trim().slice(-600)
  const hint = /password is required|not allowed to execute|not in the sudoers/.test(tail)
    ? `add the sudoers rule that lets ${host.user} run ${host.sandbox?.command} (packages/executors/host/pyexec-sandbox.sudoers)`
    : /gateway/.test(tail)
      ? `start pyexec-gateway on '${host.host}' (systemctl start pyexec-gateway; name '${host.sandbox?.gateway}')`
      : fix(host)
  return unavailable("misconfigured", `${what} on SSH host '${host.name}'${tail ? `: ${tail}` : ""}: ${hint}`, false)
}

const execCollect = async (pool: HostConnections, command: string) => {
  const connection = await pool.acquire()
  try {
    const channel = await connection.exec(command)
    return await new Promise<{ code: number | null; out: string }>((resolve) => {
      const chunks: Array<Buffer> = []
      let code: number | null = null
      channel.on("data", (c: Buffer) => chunks.push(c))
      channel.stderr.on("data", (c: Buffer) => chunks.push(c))
      channel.on("exit", (c: number | null) => {
        code = c
      })
      channel.on("close", () => resolve({ code, out: Buffer.concat(chunks).toString("utf8") }))
      channel.end()
    })
  } finally {
    pool.release(connection)
  }
}

/** Asks the host's sandbox whether it can build the boundary now (`--check`: its gateway answers); a host without one, whether it runs a command. */
const checkNow = (pool: HostConnections): Promise<void> => {
  const host = pool.host
  const sandbox = host.sandbox
  if (!sandbox) return execCollect(pool, "true").then(() => undefined)
  const command = `${sandbox.command.trim().split(/\s+/).map(quote).join(" ")} --check --gateway ${quote(sandbox.gateway)}`
  return execCollect(pool, command).then(({ code, out }) => {
    if (code !== 0) throw sandboxError(host, `the sandbox (${sandbox.command} --check) does not answer`, out)
  })
}

/** For /readyz: what of the host does not answer now (its SSH login, its sandbox and gateway), in one line; none when all does. */
export const problemOf = (pool: HostConnections, timeoutMs: number): Promise<string | undefined> => {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)
  })
  return Promise.race([checkNow(pool), late]).then(
    () => undefined,
    (e: unknown) => connectError(pool.host, e).message
  ).finally(() => clearTimeout(timer))
}

/** Each host's sandbox is asked once (`--check`) whether it can build the boundary; an answer of no is asked again. */
export class SandboxChecks {
  private readonly ok = new Map<string, Promise<void>>()

  ensure(pool: HostConnections): Promise<void> {
    const host = pool.host
    if (!host.sandbox) return Promise.resolve()
    let check = this.ok.get(host.name)
    if (!check) {
      check = checkNow(pool)
      this.ok.set(host.name, check)
      check.catch(() => this.forget(host))
    }
    return check
  }

  forget(host: SshHost) {
    this.ok.delete(host.name)
  }
}

/** pyexec-sandbox's account of a run: whether the runner started, and the writes the gateway refused it. */
export const readReport = async (host: SshHost, workDir: string, outcome: ProcessOutcome) => {
  const file = path.join(workDir, sandboxReport)
  const text = await fs.readFile(file, "utf8").catch(() => undefined)
  await fs.rm(file, { force: true })
  const report = (text ? JSON.parse(text) : undefined) as { started?: boolean; refused?: Array<string> } | undefined
  if (!report?.started) throw sandboxError(host, `pyexec-sandbox did not start the run (status ${outcome.exitCode ?? outcome.signal})`, outcome.stderr)
  return (report.refused ?? []).filter((pv) => typeof pv === "string")
}
