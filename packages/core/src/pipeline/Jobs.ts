import * as path from "node:path"
import { type Attempt, profileOf } from "../Attempt.js"
import type { ExecutionJob } from "../Executor.js"
import type { PipelineSettings } from "../PipelineConfig.js"
import type { Run } from "../Run.js"

/** How long the run's code may run: the request's own limit, else the configured one. */
export const timeoutOf = (config: PipelineSettings, run: Run): number =>
  run.request.timeoutSeconds !== undefined ? Math.round(run.request.timeoutSeconds * 1000) : config.timeoutMs

/** The job that runs an attempt's code (`-preview` folder for its preview), in the run's folder. */
export const jobOf = (config: PipelineSettings, run: Run, attempt: Attempt, kind: "run" | "preview" = "run"): ExecutionJob => ({
  runId: run.id,
  attempt: attempt.number,
  code: attempt.code,
  codeSha256: attempt.codeSha256,
  workDir: path.join(config.runsDir, run.id, `${run.request.executionFolderName ?? "attempt"}-${attempt.number}${kind === "preview" ? "-preview" : ""}`),
  // an attempt without a verdict never runs unapproved; if it runs, it is not given the write profile; a preview reads only
  profile: kind === "preview" ? "read-only" : profileOf(attempt),
  timeoutMs: timeoutOf(config, run),
  ...(kind === "preview" ? { preview: true } : {})
})
