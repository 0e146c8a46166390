import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { type Executor, WriteLedger } from "@pyexec/core"
import { Schema } from "effect"
import * as ChannelLimits from "./ChannelLimits.js"
import type { RunLimits } from "./RunLimits.js"

/** The Python runner every executor ships with the code (same depth from src/ and dist/). */
export const runnerPath = fileURLToPath(new URL("../runner/pyexec_runner.py", import.meta.url))
const guardsPath = path.join(path.dirname(runnerPath), "pyexec_guards.py")

let files: Promise<Array<[string, Buffer]>> | undefined
/** The runner's files, read once, for executors that copy them to another machine. */
export const runnerFiles = () => {
  files ??= Promise.all([runnerPath, guardsPath, ...["pyexec_epics_writes.py", "pyexec_ledger.py"].map((f) => path.join(path.dirname(runnerPath), f))].map(async (p): Promise<[string, Buffer]> => [path.basename(p), await fs.readFile(p)]))
  return files
}

/** What a warm Python (local zygote, sandbox PID 1) imports before a run: what analysis code imports most. */
export const defaultPreload: ReadonlyArray<string> = ["numpy", "pandas", "matplotlib.pyplot"]

/** Where the runner appends each write of an approved run as it is made (pyexec_ledger.py). */
export const ledgerFile = "writes.jsonl"

/** What the runner writes to WORKDIR/manifest.json. */
export const Manifest = Schema.Struct({
  version: Schema.Literal(1),
  python: Schema.String,
  results_present: Schema.Boolean,
  results: Schema.NullOr(Schema.Unknown),
  results_text: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  figures: Schema.Array(Schema.String),
  error: Schema.NullOr(
    Schema.Struct({
      type: Schema.String,
      message: Schema.String,
      traceback: Schema.String,
      line: Schema.NullOr(Schema.Int)
    })
  ),
  notes: Schema.Array(Schema.String),
  /** EPICS writes the read-only guards refused (pyexec_guards.py). */
  refused_writes: Schema.Array(Schema.String),
  /** Writes of an approved run that broke the channel limits (final: never retried). */
  limit_violations: Schema.Array(Schema.String),
  /** The write ledger of an approved run (pyexec_ledger.py); also in writes.jsonl, line by line, as the run goes. */
  writes: Schema.optionalWith(Schema.Array(WriteLedger.WriteRecord), { default: () => [] }),
  profile: Schema.Literal("read-only", "write"),
  duration_ms: Schema.Number
})
export type Manifest = typeof Manifest.Type

/** Limits the runner itself enforces, written to WORKDIR/job.json. */
export interface RunnerJob {
  readonly profile: "read-only" | "write"
  /** The runner runs the code file only if it has this SHA-256. */
  readonly code_sha256: string
  /** And only if each input file in the folder has its SHA-256 here. */
  readonly input_files?: Readonly<Record<string, string>>
  readonly max_figures: number
  readonly max_memory_bytes?: number
  /**
   * RLIMIT_AS, when it is not max_memory_bytes: where a cgroup bounds the run's memory as a whole, the address
   * space only catches one huge allocation early (as a MemoryError), with room for what a warm Python has mapped.
   */
  readonly address_space_bytes?: number
  readonly max_processes?: number
  /** The run's cgroup, one `cgroup.procs` per hierarchy: the runner joins it first (local runs). */
  readonly cgroup_procs?: ReadonlyArray<string>
  /** The run's own user, which the runner becomes before the code runs (local sandbox). */
  readonly uid?: number
  /** The runner kills its own process group after this long, even if the executor is gone. */
  readonly watchdog_seconds: number
  readonly channel_limits?: unknown
  /** Run the code as a preview: writes recorded, not sent (with the read-only profile). */
  readonly preview?: boolean
  /** The writes an approved run may make: the approved preview's. */
  readonly plan?: ReadonlyArray<{ readonly channel: string; readonly value: unknown }>
}

const addressSpaceRoom = 1024 * 1024 * 1024

/** The executor's own timer acts first; the runner's watchdog is the backstop. */
const watchdogGraceSeconds = 5

/** Where a local run's process boundary is: its cgroup and its user. */
export interface RunBoundary {
  readonly cgroupProcs: ReadonlyArray<string>
  readonly uid?: number | undefined
}

export const jobFile = (job: Executor.ExecutionJob, limits: RunLimits, boundary?: RunBoundary): string => {
  const runnerJob: RunnerJob = {
    profile: job.profile,
    code_sha256: job.codeSha256,
    ...(job.inputFiles?.length ? { input_files: Object.fromEntries(job.inputFiles.map((f) => [f.name, f.sha256])) } : {}),
    max_figures: limits.maxFigures,
    watchdog_seconds: Math.ceil(job.timeoutMs / 1000) + watchdogGraceSeconds,
    ...(limits.maxMemoryBytes ? { max_memory_bytes: limits.maxMemoryBytes } : {}),
    ...(limits.maxMemoryBytes && boundary?.cgroupProcs.length ? { address_space_bytes: limits.maxMemoryBytes + addressSpaceRoom } : {}),
    ...(limits.maxProcesses ? { max_processes: limits.maxProcesses } : {}),
    ...(boundary?.cgroupProcs.length ? { cgroup_procs: boundary.cgroupProcs } : {}),
    ...(boundary?.uid !== undefined ? { uid: boundary.uid } : {}),
    // the limits' verify rules say how far a write may be from its plan, also in the preview
    ...(limits.channelLimits && (job.profile === "write" || job.preview) ? { channel_limits: ChannelLimits.toRunner(limits.channelLimits) } : {}),
    ...(job.preview ? { preview: true } : {}),
    ...(job.profile === "write" && job.plan ? { plan: job.plan } : {})
  }
  return JSON.stringify(runnerJob)
}
