import * as path from "node:path"
import { Effect, Either, Option } from "effect"
import { type Attempt, profileOf } from "../Attempt.js"
import type { StoreError } from "../Errors.js"
import type { ExecutionJob } from "../Executor.js"
import { type Loaded, sha256Of } from "../InputFiles.js"
import type { PipelineSettings } from "../PipelineConfig.js"
import type { Run } from "../Run.js"
import type { RunStore } from "../RunStore.js"

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

/**
 * The run's input files as stored, each with the SHA-256 its request names; Left says which is missing or differs
 * (the store was changed under the run), and then nothing runs.
 */
export const inputFilesOf = (store: RunStore["Type"], run: Run): Effect.Effect<Either.Either<ReadonlyArray<Loaded>, string>, StoreError> =>
  Effect.map(
    Effect.forEach(run.request.inputFiles ?? [], (file) => Effect.map(store.inputFile(file.sha256), (bytes) => ({ file, bytes }))),
    (found) => {
      const loaded: Array<Loaded> = []
      for (const { file, bytes } of found) {
        if (Option.isNone(bytes)) return Either.left(`the input file ${file.name} (SHA-256 ${file.sha256}) is not in the store: the code was not run`)
        if (sha256Of(bytes.value) !== file.sha256) return Either.left(`the stored input file ${file.name} is not the run's (SHA-256 ${file.sha256}): the code was not run`)
        loaded.push({ name: file.name, sha256: file.sha256, bytes: bytes.value })
      }
      return Either.right(loaded)
    }
  )
