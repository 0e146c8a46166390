import { execFile } from "node:child_process"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { Errors } from "@pyexec/core"
import { Config, Effect, Option } from "effect"

/** The Python this checkout's set-up made (scripts/setup), with requirements.txt in it. */
export const projectPython = fileURLToPath(new URL("../../../../.venv/bin/python", import.meta.url))

/** What pyexec's own Python code on this host imports: the read-only gateways. */
export const gatewayModules: ReadonlyArray<string> = ["caproto", "p4p"]

const misconfigured = (message: string) => new Errors.ExecutorUnavailable({ reason: "misconfigured", message, codeMayHaveRun: false })

const isExecutableFile = (file: string) =>
  fs.access(file, fs.constants.X_OK).then(
    () => fs.stat(file).then((s) => s.isFile()),
    () => false
  )

/** PYEXEC_PYTHON, else the active virtualenv's python (VIRTUAL_ENV), else this checkout's .venv, else `python3` on PATH. */
const choose = Effect.gen(function* () {
  const given = yield* Config.option(Config.nonEmptyString("PYEXEC_PYTHON"))
  if (Option.isSome(given)) return { python: given.value, from: `PYEXEC_PYTHON (${given.value})` }
  const venv = Option.filter(yield* Config.option(Config.string("VIRTUAL_ENV")), (v) => v !== "")
  if (Option.isSome(venv)) {
    const python = path.join(venv.value, "bin", "python")
    return { python, from: `the Python of VIRTUAL_ENV (${python})` }
  }
  if (yield* Effect.promise(() => isExecutableFile(projectPython))) return { python: projectPython, from: `pyexec's .venv (${projectPython})` }
  return { python: "python3", from: "python3 (the default)" }
}).pipe(Effect.mapError((e) => misconfigured(String(e))))

/** A name without a slash is looked up on PATH, as spawn does. */
const executable = (python: string, from: string) =>
  Effect.gen(function* () {
    const candidates = python.includes("/") ? [python] : (process.env.PATH ?? "").split(":").filter(Boolean).map((dir) => path.join(dir, python))
    for (const candidate of candidates) if (yield* Effect.promise(() => isExecutableFile(candidate))) return
    return yield* misconfigured(
      `${from} is not ${python.includes("/") ? "an executable file" : "on PATH"}: set PYEXEC_PYTHON to a Python 3 interpreter (e.g. .venv/bin/python, which scripts/setup makes)`
    )
  })

/** Which of `modules` the interpreter cannot import (found without importing them: a few milliseconds). */
const missingModules = (python: string, modules: ReadonlyArray<string>) =>
  Effect.async<ReadonlyArray<string>, Errors.ExecutorUnavailable>((resume) => {
    const script = "import importlib.util, sys\nprint(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"
    const child = execFile(python, ["-I", "-c", script, ...modules], { timeout: 20_000 }, (error, stdout, stderr) =>
      resume(
        error
          ? Effect.fail(misconfigured(`${python} did not start (${stderr.trim() || error.message}): set PYEXEC_PYTHON to a working Python 3`))
          : Effect.succeed(stdout.split(/\s+/).filter(Boolean))
      )
    )
    return Effect.sync(() => child.kill())
  })

/**
 * The interpreter runs and pyexec's gateways use, checked at start-up: it exists, and it can import `modules`
 * (the top-level names). Either failing is one line that says which Python it was and what to do.
 */
export const fromEnvironment = (modules: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const { python, from } = yield* choose
    yield* executable(python, from)
    const wanting = [...new Set(modules.map((m) => m.split(".")[0]!))]
    const missing = wanting.length > 0 ? yield* missingModules(python, wanting) : []
    if (missing.length > 0) {
      return yield* misconfigured(
        `${from} cannot import ${missing.join(", ")}, which runs need: install pyexec's requirements into it (${python} -m pip install -r requirements.txt), or set PYEXEC_PYTHON to a Python that has them (scripts/setup makes .venv/bin/python)`
      )
    }
    return python
  })
