import { execFile, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url))
/** The `pyexec` command as setup builds it (the bundle; see buildCli.ts). */
export const pyexecBin = path.join(repoRoot, "apps/server/dist/cli/pyexec.mjs")

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Settings the developer's shell may carry that must not leak into a test. */
const cleared = ["PYEXEC_CONFIG", "PYEXEC_DATABASE_URL", "PYEXEC_HOME", "PYEXEC_EXECUTOR", "PYEXEC_EXECUTOR_CONFIG", "OLLAMA_HOST", "PYEXEC_MODEL", "PYEXEC_GENERATOR", "PYEXEC_TIMEOUT_SECONDS"]

const cliEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const key of cleared) delete env[key]
  return { ...env, PYEXEC_USER: "tester", ...extra }
}

/** Starts `pyexec` and leaves it running, for tests that signal it. */
export const spawnCli = (args: ReadonlyArray<string>, cwd: string, env?: Record<string, string>) =>
  spawn(pyexecBin, [...args], { cwd, env: cliEnv(env), stdio: "ignore" })

/** Runs the real `pyexec` in its own process, as a person at a terminal would. */
export const pyexec = (args: ReadonlyArray<string>, options: { cwd: string; env?: Record<string, string> }) =>
  new Promise<CliResult>((resolve) => {
    execFile(pyexecBin, [...args], { cwd: options.cwd, env: cliEnv(options.env), timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })

let markers: string | undefined
let made = 0
/**
 * A file the code under test may append to, to show how often it ran. Runs are sandboxed: they see this host's
 * files only through a shared folder (PYEXEC_SHARED_FOLDERS, `sharedMarkers`), one per test file, open to every
 * run's user.
 */
export const markerFile = (name: string) => {
  if (!markers) {
    markers = fs.mkdtempSync(path.join(os.tmpdir(), "pyexec-markers-"))
    fs.chmodSync(markers, 0o1777)
  }
  return path.join(markers, `${++made}-${name}`)
}
/** The shared folder of markerFile, as the local executor's option and as the server's environment. */
export const sharedMarkers = () => {
  markerFile("init")
  return { folders: [{ path: markers!, writable: true }], env: { PYEXEC_SHARED_FOLDERS: `${markers}:rw` } }
}

/** How many times test code that appends a line to `file` each time it runs has run. */
export const timesRun = (file: string): number =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0

export const tempDir = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `pyexec-${label}-`))

/** stderr lines that are not stage progress, nor the code's own output as it runs (`  [1.2s] | line`). */
export const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.trim() !== "" && !/^pyexec: \[\d/.test(l) && !/^ {2}\[\d+\.\ds\] [|!] /.test(l))
