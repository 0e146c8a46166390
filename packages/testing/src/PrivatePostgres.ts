import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { promisify } from "node:util"
import { closedPort } from "./httpServer.js"
import { isRunning } from "./processes.js"

const exec = promisify(execFile)
const bin = "/usr/lib/postgresql/15/bin"

/**
 * A Postgres server of a test's own, to stop, restart and kill without disturbing the shared test server.
 * It runs as the `postgres` OS user (Postgres refuses to run as root), on 127.0.0.1 with trust auth.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string
  readonly port: number
  readonly stop: () => Promise<void>
  readonly start: () => Promise<void>
  /** pg_ctl restart -m fast: sessions are ended (SQLSTATE 57P01), the server comes back. */
  readonly restart: () => Promise<void>
  /** SIGKILL to the postmaster, as a crash or an OOM kill does; waits until its children are gone too. */
  readonly kill: () => Promise<void>
  /** Stops the server if it runs and deletes its files. */
  readonly destroy: () => Promise<void>
}

/** Runs a Postgres binary as the postgres user; a failure carries its output and the server log. */
const asPostgres = (dir: string) => async (program: string, args: ReadonlyArray<string>) => {
  try {
    await exec("runuser", ["-u", "postgres", "--", path.join(bin, program), ...args], { cwd: dir })
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8") : ""
    throw new Error(`${program} ${args.join(" ")} failed (is PostgreSQL 15 installed in ${bin}?): ${String(error)}\n${log.slice(-2000)}`)
  }
}

const childrenOf = (pid: number): ReadonlyArray<number> =>
  fs.readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return []
    try {
      // Fields after the command (which may hold spaces): state, ppid, ...
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
      return ppid === pid ? [Number(entry)] : []
    } catch {
      return []
    }
  })

const waitUntilGone = async (pids: ReadonlyArray<number>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (pids.some(isRunning)) {
    if (Date.now() > deadline) throw new Error(`Postgres processes ${pids.filter(isRunning).join(", ")} still run ${timeoutMs} ms after the kill`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** initdb into a fresh temporary folder and start the server on a free port. */
export const create = async (): Promise<PrivatePostgres> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-pg-"))
  const id = async (flag: string) => Number((await exec("id", [flag, "postgres"])).stdout)
  fs.chownSync(dir, await id("-u"), await id("-g"))
  const data = path.join(dir, "data")
  const pg = asPostgres(dir)
  const port = await closedPort()
  await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "--no-instructions"])
  // fsync=off: a killed server still finds its WAL in the page cache; only a host crash would need fsync.
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\n`
  )
  const ctl = (...args: ReadonlyArray<string>) => pg("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "30", ...args])
  const postmaster = () => Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0])
  const running = () => fs.existsSync(path.join(data, "postmaster.pid")) && isRunning(postmaster())

  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => ctl("start"),
    stop: () => ctl("-m", "fast", "stop"),
    restart: () => ctl("-m", "fast", "restart"),
    kill: async () => {
      const pid = postmaster()
      const children = childrenOf(pid)
      process.kill(pid, "SIGKILL")
      // Backends notice the postmaster's death and exit; a new one cannot start while they hold its memory.
      await waitUntilGone([pid, ...children], 10_000)
      // The dead postmaster may linger as a zombie until something reaps it, and Postgres takes a zombie's
      // pid in its lock files for a live server: they go, as an operator would remove them.
      for (const lock of [path.join(data, "postmaster.pid"), path.join(dir, `.s.PGSQL.${port}.lock`)]) fs.rmSync(lock, { force: true })
    },
    destroy: async () => {
      if (running()) await ctl("-m", "immediate", "stop").catch(() => undefined)
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  await server.start().catch(async (error) => {
    await server.destroy()
    throw error
  })
  return server
}
