import { fileURLToPath } from "node:url"
import { Schema } from "effect"

/** The Python runner every executor ships with the code (same depth from src/ and dist/). */
export const runnerPath = fileURLToPath(new URL("../runner/pyexec_runner.py", import.meta.url))

/** What the runner writes to WORKDIR/manifest.json. */
export const Manifest = Schema.Struct({
  version: Schema.Literal(1),
  python: Schema.String,
  results_present: Schema.Boolean,
  results: Schema.NullOr(Schema.Unknown),
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
  profile: Schema.Literal("read-only", "write"),
  duration_ms: Schema.Number
})
export type Manifest = typeof Manifest.Type

/** Limits the runner itself enforces, written to WORKDIR/job.json. */
export interface RunnerJob {
  readonly profile: "read-only" | "write"
  readonly max_figures: number
  readonly max_memory_bytes?: number
  readonly channel_limits?: unknown
}
