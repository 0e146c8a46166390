import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Config, Effect, Option, Redacted } from "effect"
import { StoreUnavailable } from "./ApiErrors.js"

/**
 * "Open in JupyterLab": a run's notebook is put where a JupyterLab (or a JupyterHub user's server) sees it, at
 * `<PYEXEC_JUPYTER_PATH>/<run id>.ipynb`, then the browser is sent to `<PYEXEC_JUPYTER_URL>/lab/tree/<that path>`.
 * It is put there when someone asks to open it, so it is the run's notebook as it is then, from any server.
 * Two ways: a folder the Jupyter server serves as that path (PYEXEC_JUPYTER_FOLDER, a copy is written into it),
 * or Jupyter's contents API with a token (PYEXEC_JUPYTER_TOKEN).
 */
export interface JupyterSettings {
  readonly url: string
  readonly path: string
  readonly target: { readonly folder: string } | { readonly token: Redacted.Redacted<string> }
}

export const settings: Effect.Effect<Option.Option<JupyterSettings>, never> = Effect.gen(function* () {
  const url = yield* Config.option(Config.string("PYEXEC_JUPYTER_URL"))
  if (Option.isNone(url)) return Option.none()
  const folder = yield* Config.option(Config.string("PYEXEC_JUPYTER_FOLDER"))
  const token = yield* Config.option(Config.redacted("PYEXEC_JUPYTER_TOKEN"))
  const where = yield* Config.string("PYEXEC_JUPYTER_PATH").pipe(Config.withDefault("pyexec"))
  const target = Option.isSome(folder) ? { folder: folder.value } : Option.isSome(token) ? { token: token.value } : undefined
  if (target === undefined) return Option.none()
  return Option.some({ url: url.value.replace(/\/+$/, ""), path: where.replace(/^\/+|\/+$/g, ""), target })
}).pipe(Effect.orElseSucceed(() => Option.none()))

const encodedPath = (parts: ReadonlyArray<string>) => parts.flatMap((p) => p.split("/")).filter(Boolean).map(encodeURIComponent).join("/")

/** The notebook's path in Jupyter, as `/lab/tree/` and `/api/contents/` name it. */
export const notebookPath = (jupyter: JupyterSettings, runId: string) => encodedPath([jupyter.path, `${runId}.ipynb`])

export const labUrl = (jupyter: JupyterSettings, runId: string) => `${jupyter.url}/lab/tree/${notebookPath(jupyter, runId)}`

const contents = (jupyter: JupyterSettings, token: Redacted.Redacted<string>, at: string, body: unknown) =>
  fetch(`${jupyter.url}/api/contents/${at}`, {
    method: "PUT",
    headers: { authorization: `token ${Redacted.value(token)}`, "content-type": "application/json" },
    body: JSON.stringify(body)
  }).then(async (answer) => {
    if (!answer.ok && answer.status !== 409) throw new Error(`${answer.status} ${(await answer.text()).slice(0, 200)}`)
  })

/** Puts the notebook file where Jupyter sees it. */
export const publish = (jupyter: JupyterSettings, runId: string, file: string) =>
  Effect.tryPromise({
    try: async () => {
      if ("folder" in jupyter.target) {
        await fs.mkdir(jupyter.target.folder, { recursive: true })
        const written = path.join(jupyter.target.folder, `.${runId}.ipynb.${process.pid}`)
        await fs.copyFile(file, written)
        await fs.rename(written, path.join(jupyter.target.folder, `${runId}.ipynb`))
        return
      }
      const notebook = JSON.parse(await fs.readFile(file, "utf8"))
      // each folder of the path, then the notebook (409: a folder that is there)
      const folders = jupyter.path.split("/").filter(Boolean)
      for (let i = 1; i <= folders.length; i++) await contents(jupyter, jupyter.target.token, encodedPath(folders.slice(0, i)), { type: "directory" })
      await contents(jupyter, jupyter.target.token, notebookPath(jupyter, runId), { type: "notebook", format: "json", content: notebook })
    },
    catch: (e) => new StoreUnavailable({ message: `the notebook could not be put where JupyterLab (${jupyter.url}) reads it: ${e instanceof Error ? e.message : String(e)}` })
  })
