import * as fs from "node:fs/promises"
import { Client, type ClientChannel, type ConnectConfig, type ServerHostKeyAlgorithm } from "ssh2"
import { connectError, hostKeyRefused, unavailable } from "./errors.js"
import { type HostKeyRefusal, hostKeyAlgorithms, policy } from "./hostKey.js"
import type { SshHost } from "./SshHost.js"

export interface ConnectionOptions {
  /** How long a TCP connect plus SSH handshake and login may take. */
  readonly connectTimeoutMs: number
  /** A connection whose keepalives go unanswered this long is dropped (and a run on it is lost). */
  readonly keepaliveIntervalMs: number
  /** Runs at once on one connection; sshd allows 10 channels (MaxSessions), and a kill needs one too. */
  readonly runsPerConnection: number
}

/** One logged-in SSH connection; it serves many runs, each an exec channel. */
export class Connection {
  /** Runs using it now. */
  active = 0
  /** No new runs: it failed, or it is an extra connection being closed. */
  retired = false
  closed = false
  private closedError: Error | undefined
  private readonly closeListeners = new Set<(error: Error | undefined) => void>()

  constructor(readonly client: Client) {
    client.on("error", (error) => {
      this.closedError ??= error
    })
    client.on("close", () => {
      this.retired = true
      this.closed = true
      for (const listener of this.closeListeners) listener(this.closedError)
      this.closeListeners.clear()
    })
  }

  /** Called once when the connection ends (at once if it has). */
  onClose(listener: (error: Error | undefined) => void): () => void {
    if (this.closed) {
      listener(this.closedError)
      return () => undefined
    }
    this.closeListeners.add(listener)
    return () => this.closeListeners.delete(listener)
  }

  exec(command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(this.closedError ?? new Error("the connection is closed"))
      try {
        this.client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel)))
      } catch (error) {
        reject(error)
      }
    })
  }

  end() {
    this.retired = true
    this.client.end()
  }
}

const connect = async (host: SshHost, options: ConnectionOptions): Promise<Connection> => {
  const privateKey = await fs.readFile(host.privateKey).catch((e: NodeJS.ErrnoException) => {
    throw unavailable("misconfigured", `cannot read the private key ${host.privateKey} of SSH host '${host.name}' (${e.code ?? e.message}): fix privateKey`, false, e)
  })
  const keys = await policy(host.hostKey, host).catch((e: NodeJS.ErrnoException) => {
    const file = "knownHosts" in host.hostKey ? host.hostKey.knownHosts : ""
    throw unavailable("misconfigured", `cannot read the known_hosts file ${file} of SSH host '${host.name}' (${e.code ?? e.message}): fix hostKey.knownHosts`, false, e)
  })
  const client = new Client()
  let refusal: HostKeyRefusal | undefined
  const algorithms = hostKeyAlgorithms(keys.preferred)
  const config: ConnectConfig = {
    host: host.host,
    port: host.port,
    username: host.user,
    privateKey,
    ...(host.passphrase !== undefined ? { passphrase: host.passphrase } : {}),
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: 3,
    ...(algorithms ? { algorithms: { serverHostKey: algorithms as Array<ServerHostKeyAlgorithm> } } : {}),
    hostVerifier: (key: Buffer) => {
      const verdict = keys.check(key)
      if (!verdict.ok) refusal = verdict
      return verdict.ok
    }
  }
  return new Promise<Connection>((resolve, reject) => {
    let failed = false
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      client.removeAllListeners("ready")
      client.end()
      reject(refusal ? hostKeyRefused(host, refusal, error) : connectError(host, error))
    }
    client.once("ready", () => {
      client.removeListener("error", fail)
      client.removeListener("close", closedEarly)
      resolve(new Connection(client))
    })
    const closedEarly = () => fail(new Error("the connection closed during the SSH handshake"))
    // `on`, not `once`: a second error after the first must not be an unhandled 'error' event
    client.on("error", fail)
    client.once("close", closedEarly)
    try {
      client.connect(config)
      // a run is a few small messages each way: Nagle's algorithm would hold some for a delayed ACK (40 ms)
      client.setNoDelay(true)
    } catch (error) {
      fail(error)
    }
  })
}

/**
 * The connections to one host: one is kept open and reused by every run; more are opened while it is busy,
 * and closed when idle. A connection that failed is dropped, and the next run connects again.
 */
export class HostConnections {
  private readonly open: Array<Connection> = []
  private connecting: Promise<Connection> | undefined
  private closed = false

  constructor(
    readonly host: SshHost,
    private readonly options: ConnectionOptions
  ) {}

  /** Connects now, so that the first run does not wait for the handshake; a failure is reported by the run. */
  warm() {
    this.acquire().then(
      (c) => this.release(c),
      () => undefined
    )
  }

  /** A connection with room for one more run; `fresh` skips the kept ones (after one of them failed). */
  async acquire(fresh = false): Promise<Connection> {
    if (this.closed) throw unavailable("unreachable", "the SSH executor is shut down", false)
    if (!fresh) {
      const ready = this.open.find((c) => !c.retired && c.active < this.options.runsPerConnection)
      if (ready) {
        ready.active++
        return ready
      }
      // runs that arrive together share one handshake
      if (this.connecting) {
        const shared = await this.connecting
        if (!shared.retired && shared.active < this.options.runsPerConnection) {
          shared.active++
          return shared
        }
      }
    }
    const connecting = connect(this.host, this.options)
    this.connecting = connecting
    try {
      const connection = await connecting
      if (this.closed) {
        connection.end()
        throw unavailable("unreachable", "the SSH executor is shut down", false)
      }
      connection.onClose(() => {
        const i = this.open.indexOf(connection)
        if (i >= 0) this.open.splice(i, 1)
      })
      this.open.push(connection)
      connection.active++
      return connection
    } finally {
      if (this.connecting === connecting) this.connecting = undefined
    }
  }

  release(connection: Connection) {
    connection.active--
    // keep the first live connection; close extra ones and failed ones once they are idle
    if (connection.active > 0) return
    const first = this.open.find((c) => !c.retired)
    if (connection.retired || (first !== undefined && first !== connection)) connection.end()
  }

  /** Marks a connection that failed to open a channel: no new runs go to it. */
  retire(connection: Connection) {
    connection.retired = true
    if (connection.active === 0) connection.end()
  }

  close() {
    this.closed = true
    for (const c of this.open.splice(0)) c.end()
  }
}
