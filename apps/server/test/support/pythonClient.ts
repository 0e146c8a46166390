import { execFile } from "node:child_process"
import * as path from "node:path"
import { repoRoot } from "./cli.js"

/** The Python scripts setup installs requirements-dev.txt into: httpx, IPython, nbclient, mypy. */
export const venvPython = path.join(repoRoot, ".venv/bin/python")
export const clientSource = path.join(repoRoot, "clients/python")

export interface PythonResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `python args` with .venv's Python, `site` first on its path, in `cwd`. */
export const python = (args: ReadonlyArray<string>, options: { readonly site: string; readonly cwd: string; readonly env?: Record<string, string> }) =>
  new Promise<PythonResult>((resolve) => {
    const env: Record<string, string | undefined> = { ...process.env, PYTHONPATH: options.site, PYTHONNOUSERSITE: "1", ...options.env }
    for (const key of ["PYEXEC_SERVER", "PYEXEC_API_TOKEN", "PYEXEC_API_TOKEN_FILE", "PYEXEC_HOME"]) if (!options.env?.[key]) delete env[key]
    execFile(venvPython, [...args], { cwd: options.cwd, env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
  })

/**
 * `pip install ./clients/python` into the folder `site` (without its dependencies, which .venv has, and with .venv's
 * hatchling: offline and in a second), so the tests use the package as pip installs it, not the checkout's sources.
 */
export const installClient = async (site: string, cwd: string) => {
  const args = ["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", site, clientSource]
  const installed = await python(args, { site, cwd })
  if (installed.code !== 0) throw new Error(`pip install ./clients/python failed:\n${installed.stderr}`)
}
