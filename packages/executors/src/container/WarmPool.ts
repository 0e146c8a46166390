import type { Duplex } from "node:stream"
import type Docker from "dockerode"
import { createOptions, removeQuietly, type SandboxSpec } from "./sandbox.js"

/** A started sandbox and its attached stdin/stdout/stderr (attached before the start, so nothing is missed). */
export interface Sandbox {
  readonly container: Docker.Container
  readonly stream: Duplex
}

/**
 * Started sandboxes waiting for runs, one queue per network, so that a run does not pay for container
 * start-up. A container serves one run and is then removed; taking one starts its replacement.
 */
export class WarmPool {
  private readonly ready = new Map<string, Array<Promise<Sandbox>>>()
  private readonly removing = new Set<Promise<void>>()
  private closed = false

  constructor(
    private readonly docker: Docker,
    private readonly spec: Omit<SandboxSpec, "network">,
    private readonly size: number
  ) {}

  /** A started sandbox on this network: a warm one if there is one, else a new one. */
  async take(network: string | undefined): Promise<Sandbox> {
    const queue = this.queue(network)
    const warm = queue.shift()
    this.fill(network)
    if (warm) {
      const sandbox = await warm.catch(() => undefined)
      if (sandbox && (await this.isRunning(sandbox.container))) return sandbox
      if (sandbox) this.discard(sandbox)
    }
    return this.start(network)
  }

  /** Starts sandboxes until the network's queue holds `size` of them. */
  fill(network: string | undefined) {
    const queue = this.queue(network)
    while (!this.closed && queue.length < this.size) {
      const starting = this.start(network)
      starting.catch(() => {
        // an engine that is down is reported by the run that needs it
        const i = queue.indexOf(starting)
        if (i >= 0) queue.splice(i, 1)
      })
      queue.push(starting)
    }
  }

  /** Removes a used sandbox without making the run wait for it; close() waits. */
  discard(sandbox: Sandbox) {
    sandbox.stream.destroy()
    const removal = removeQuietly(sandbox.container).finally(() => this.removing.delete(removal))
    this.removing.add(removal)
  }

  async close() {
    this.closed = true
    const all = [...this.ready.values()].flat()
    this.ready.clear()
    await Promise.all(all.map((p) => p.then((sandbox) => this.discard(sandbox), () => undefined)))
    await Promise.all(this.removing)
  }

  private queue(network: string | undefined) {
    const key = network ?? ""
    const queue = this.ready.get(key) ?? []
    this.ready.set(key, queue)
    return queue
  }

  private async start(network: string | undefined): Promise<Sandbox> {
    const container = await this.docker.createContainer(createOptions({ ...this.spec, network }))
    try {
      const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex
      await container.start()
      return { container, stream }
    } catch (e) {
      await removeQuietly(container)
      throw e
    }
  }

  private async isRunning(container: Docker.Container) {
    try {
      return (await container.inspect()).State.Running
    } catch {
      return false
    }
  }
}
