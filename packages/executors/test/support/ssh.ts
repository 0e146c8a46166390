import { spawn } from "node:child_process"
import { createHmac, randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { Client } from "ssh2"
import type { SshHost } from "../../src/ssh/SshHost.js"

const names = ["HOST", "PORT", "USER", "KEY", "FINGERPRINT", "PYTHON"] as const

/** The test sshd of scripts/sshd, from PYEXEC_TEST_SSH_*; a test without it fails and says how to start it. */
export const sshEnv = () => {
  const missing = names.filter((n) => !process.env[`PYEXEC_TEST_SSH_${n}`])
  if (missing.length > 0) {
    throw new Error(
      `the SSH executor tests need the test sshd: run eval "$(scripts/sshd start)" in the repository first ` +
        `(missing ${missing.map((n) => `PYEXEC_TEST_SSH_${n}`).join(", ")})`
    )
  }
  const v = (n: (typeof names)[number]) => process.env[`PYEXEC_TEST_SSH_${n}`]!
  return { host: v("HOST"), port: Number(v("PORT")), user: v("USER"), key: v("KEY"), fingerprint: v("FINGERPRINT"), python: v("PYTHON") }
}

/** A host entry for the test sshd; each test gets its own work root so that it can check it is left empty. */
export const testHost = (overrides: Partial<SshHost> = {}): SshHost => {
  const env = sshEnv()
  return {
    name: "test",
    host: env.host,
    port: env.port,
    user: env.user,
    privateKey: env.key,
    hostKey: { fingerprint: env.fingerprint },
    python: env.python,
    workRoot: `/tmp/pyexec-test-${randomBytes(4).toString("hex")}`,
    ...overrides
  }
}

const connect = (port?: number) => {
  const env = sshEnv()
  const client = new Client()
  let seenKey: Buffer | undefined
  return new Promise<{ client: Client; key: Buffer }>((resolve, reject) => {
    client.once("ready", () => resolve({ client, key: seenKey! }))
    client.once("error", reject)
    client.connect({
      host: env.host,
      port: port ?? env.port,
      username: env.user,
      privateKey: fs.readFileSync(env.key),
      hostVerifier: (key: Buffer) => {
        seenKey = key
        return true
      }
    })
  })
}

/** Runs a shell command on the test host as the test user, on a connection of its own; resolves with stdout. */
export const remote = async (command: string): Promise<string> => {
  const { client } = await connect()
  try {
    return await new Promise<string>((resolve, reject) => {
      client.exec(command, (error, channel) => {
        if (error) return reject(error)
        const out: Array<Buffer> = []
        channel.on("data", (chunk: Buffer) => out.push(chunk))
        channel.stderr.resume()
        channel.on("close", () => resolve(Buffer.concat(out).toString("utf8")))
      })
    })
  } finally {
    client.end()
  }
}

/** The processes of the test user whose command line holds `marker` (read from /proc: no procps needed). */
export const processesWith = async (marker: string) => {
  const listing = await remote(`for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < "$f" 2>/dev/null; echo; done`)
  return listing.split("\n").filter((line) => line.includes(marker))
}

/** What is left under a work root on the test host. */
export const leftIn = async (workRoot: string) =>
  (await remote(`ls -A '${workRoot}' 2>/dev/null`)).split("\n").filter((l) => l !== "")

/** The test sshd's host key in wire form, as known_hosts holds it in base64. */
export const hostKey = async () => {
  const { client, key } = await connect()
  client.end()
  return key
}

/** known_hosts lines for the test sshd: plain `[host]:port` and hashed `|1|salt|hash`. */
export const knownHostsLines = async () => {
  const env = sshEnv()
  const key = await hostKey()
  const type = key.subarray(4, 4 + key.readUInt32BE(0)).toString()
  const name = `[${env.host}]:${env.port}`
  const salt = randomBytes(20)
  const hashed = `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`
  return { plain: `${name} ${type} ${key.toString("base64")}`, hashed: `${hashed} ${type} ${key.toString("base64")}`, type }
}

/** A port on 127.0.0.1 where nothing listens. */
export const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

/** A TCP proxy to the test sshd whose connections can be cut, as a network failure would. */
export const tcpProxy = async () => {
  const env = sshEnv()
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
    socket.on("error", () => socket.destroy())
  }
  const server = net.createServer((inbound) => {
    const outbound = net.connect(env.port, env.host)
    track(inbound)
    track(outbound)
    inbound.pipe(outbound)
    outbound.pipe(inbound)
    inbound.on("close", () => outbound.destroy())
    outbound.on("close", () => inbound.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Drops every connection through the proxy at once; new ones are still accepted. */
    cut: () => {
      for (const s of sockets) s.destroy()
    },
    /** Connections that went through the proxy so far, open now. */
    open: () => sockets.size / 2,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

/** Polls until `check` holds or `ms` have passed; resolves with the last value. */
export const eventually = async <A>(check: () => Promise<A>, ok: (a: A) => boolean, ms = 10_000): Promise<A> => {
  const until = Date.now() + ms
  for (;;) {
    const value = await check()
    if (ok(value) || Date.now() > until) return value
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Where scripts/sshd installs the host part of the boundary (packages/executors/host). */
export const installedHostGateway = "/usr/local/sbin/pyexec-host-gateway"

/**
 * A pyexec-host-gateway of the test's own (as root, as the host's init would run it), reading from `upstream`;
 * its name goes into the host's `sandbox.gateway`. It ends with `stop`, or with this process.
 */
export const startHostGateway = async (upstream: Readonly<Record<string, string>>) => {
  if (process.getuid?.() !== 0 || !fs.existsSync(installedHostGateway)) {
    throw new Error(`the SSH boundary tests run as root on a host prepared by scripts/sshd start (${installedHostGateway} is missing)`)
  }
  const name = `t${randomBytes(5).toString("hex")}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-host-gateway-"))
  const config = path.join(dir, "host.json")
  fs.writeFileSync(config, JSON.stringify({ python: sshEnv().python, upstream }), { mode: 0o644 })
  const child = spawn(installedHostGateway, ["--config", config, "--name", name, "--die-with-parent"], { stdio: ["ignore", "pipe", "pipe"] })
  const log: Array<string> = []
  child.stderr.setEncoding("utf8").on("data", (t: string) => log.push(t))
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (t: string) => t.includes("ready") && resolve())
    child.once("exit", (code) => reject(new Error(`pyexec-host-gateway ended (${code}): ${log.join("").slice(-2000)}`)))
  })
  return {
    name,
    log: () => log.join(""),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve))
        child.kill("SIGTERM")
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}
