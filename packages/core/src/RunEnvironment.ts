import * as fs from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { Effect, Option, Schema } from "effect"
import type { ExecutionJob } from "./Executor.js"
import type { ExecutorUnavailable } from "./Errors.js"
import type { ExecutionResult } from "./ExecutionResult.js"
import { sha256 } from "./internal/sha256.js"

/**
 * What the run's Python has, as the executor's own interpreter says (importlib.metadata), for the model's prompt:
 * a library that is not installed is not offered, and the version says which API to write for.
 */
export const Library = Schema.Struct({
  /** The distribution's name (scikit-learn), and the module code imports (sklearn). */
  name: Schema.String,
  module: Schema.String,
  version: Schema.String
})
export type Library = typeof Library.Type

export const RunEnvironment = Schema.Struct({
  python: Schema.String,
  libraries: Schema.Array(Library)
})
export type RunEnvironment = typeof RunEnvironment.Type

/** The distributions worth telling a model of, with the module each is imported as. */
const ofInterest: Readonly<Record<string, string>> = {
  numpy: "numpy",
  scipy: "scipy",
  pandas: "pandas",
  matplotlib: "matplotlib",
  pyepics: "epics",
  caproto: "caproto",
  p4p: "p4p",
  pyarrow: "pyarrow",
  h5py: "h5py",
  xarray: "xarray",
  "scikit-learn": "sklearn",
  statsmodels: "statsmodels",
  lmfit: "lmfit",
  sympy: "sympy",
  seaborn: "seaborn",
  polars: "polars",
  uncertainties: "uncertainties",
  pyyaml: "yaml",
  ophyd: "ophyd",
  bluesky: "bluesky"
}

/** The probe: it reads installed distributions only, imports none of them (a run's start-up stays short). */
export const probeCode = `import importlib.metadata as metadata
import sys

wanted = ${JSON.stringify(ofInterest)}
found = {}
for dist in metadata.distributions():
    name = (dist.metadata["Name"] or "").lower().replace("_", "-")
    if name in wanted and name not in found:
        found[name] = {"name": name, "module": wanted[name], "version": dist.version}
results = {"python": sys.version.split()[0], "libraries": sorted(found.values(), key=lambda d: d["name"])}
`

const decode = Schema.decodeUnknownOption(RunEnvironment)

/**
 * Asks the executor's Python once, through the executor itself (so the answer is the one runs get: the container's
 * image, the SSH host's venv), and keeps the answer for the process's life. None when the probe fails: the prompt
 * then names no libraries rather than ones that may be missing.
 */
export const probing = (execute: (job: ExecutionJob) => Effect.Effect<ExecutionResult, ExecutorUnavailable>): Effect.Effect<RunEnvironment | undefined> => {
  let known: { readonly value: RunEnvironment | undefined } | undefined
  const once = Effect.unsafeMakeSemaphore(1)
  const probe = Effect.gen(function* () {
    const workDir = yield* Effect.promise(() => fs.mkdtemp(path.join(os.tmpdir(), "pyexec-environment-")))
    const result = yield* execute({
      runId: "environment",
      attempt: 0,
      code: probeCode,
      codeSha256: sha256(probeCode),
      workDir,
      profile: "read-only",
      timeoutMs: 60_000
    }).pipe(Effect.ensuring(Effect.promise(() => fs.rm(workDir, { recursive: true, force: true }))))
    return Option.getOrUndefined(decode(result.results))
  }).pipe(Effect.catchAll(() => Effect.succeed(undefined)))
  return once.withPermits(1)(
    Effect.suspend(() =>
      known !== undefined
        ? Effect.succeed(known.value)
        : Effect.tap(probe, (value) => {
            known = { value }
          })
    )
  )
}
