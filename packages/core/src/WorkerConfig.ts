import { randomBytes } from "node:crypto"
import * as os from "node:os"
import { Config, Context, Effect, Layer } from "effect"

export interface WorkerSettings {
  /** This process among all that share the store: host, pid and a random part. */
  readonly worker: string
  /** How long a claim holds without renewal; a process that dies frees its runs after this. */
  readonly leaseMs: number
  /** How often an idle worker looks for work when nothing wakes it. */
  readonly pollMs: number
  /** Runs this process drives at once. */
  readonly concurrency: number
  /** How often to look for runs abandoned by a dead process and runs whose approval expired. */
  readonly sweepMs: number
  /** A read-only run interrupted by a crash is run once more (write runs never are). */
  readonly retryInterruptedReadOnly: boolean
}

export class WorkerConfig extends Context.Tag("@pyexec/core/WorkerConfig")<WorkerConfig, WorkerSettings>() {}

export const workerName = (): string => `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`

export const defaults: Omit<WorkerSettings, "worker"> = {
  leaseMs: 30_000,
  pollMs: 1_000,
  concurrency: 4,
  sweepMs: 2_000,
  retryInterruptedReadOnly: false
}

const positive = (name: string, fallback: number) =>
  Config.number(name).pipe(
    Config.validate({ message: "must be a positive number", validation: (n) => n > 0 }),
    Config.withDefault(fallback)
  )

/** PYEXEC_CLAIM_LEASE_SECONDS, PYEXEC_WORKER_CONCURRENCY, PYEXEC_WORKER_POLL_MS, PYEXEC_RETRY_INTERRUPTED_READ_ONLY. */
export const config = Config.all({
  leaseSeconds: positive("PYEXEC_CLAIM_LEASE_SECONDS", defaults.leaseMs / 1000),
  concurrency: Config.integer("PYEXEC_WORKER_CONCURRENCY").pipe(
    Config.validate({ message: "must be between 1 and 64", validation: (n) => n >= 1 && n <= 64 }),
    Config.withDefault(defaults.concurrency)
  ),
  pollMs: positive("PYEXEC_WORKER_POLL_MS", defaults.pollMs),
  retryInterruptedReadOnly: Config.boolean("PYEXEC_RETRY_INTERRUPTED_READ_ONLY").pipe(Config.withDefault(false))
}).pipe(
  Config.map(({ leaseSeconds, ...rest }): WorkerSettings => {
    const leaseMs = Math.round(leaseSeconds * 1000)
    return { ...defaults, ...rest, leaseMs, sweepMs: Math.min(defaults.sweepMs, leaseMs), worker: workerName() }
  })
)

export const layer = (settings: Partial<WorkerSettings> = {}) =>
  Layer.sync(WorkerConfig, () => WorkerConfig.of({ ...defaults, worker: workerName(), ...settings }))

export const layerConfig = Layer.effect(WorkerConfig, Effect.map(config, WorkerConfig.of))
