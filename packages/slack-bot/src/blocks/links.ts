import { Context } from "effect"

/** Where a run can be looked at outside Slack: the review page and the run's notebook on the pyexec server. */
export interface RunLinks {
  readonly review: string
  readonly notebook: string
  /** The run's notebook opened in JupyterLab (the server puts it there, then redirects): only when the server has a JupyterLab. */
  readonly jupyter?: string
}

/**
 * Makes a path on the server (a run's notebook) a link that opens in a browser without a token: the server's
 * signed links, made for the bot. Without it, the path as it is (it then needs an API token).
 */
export class LinkSigner extends Context.Tag("@pyexec/slack-bot/LinkSigner")<LinkSigner, (path: string) => string>() {}

/**
 * Whether the server opens runs' notebooks in a JupyterLab (`GET /api/runs/:id/jupyter`): the server knows it
 * from its own settings and tells the bot. Without it, none is.
 */
export class JupyterLab extends Context.Tag("@pyexec/slack-bot/JupyterLab")<JupyterLab, boolean>() {}

export const runLinks = (base: string, runId: string, sign: (path: string) => string = (path) => path, jupyterLab = false): RunLinks => {
  const api = `/api/runs/${encodeURIComponent(runId)}`
  return {
    review: `${base}/runs/${encodeURIComponent(runId)}`,
    notebook: `${base}${sign(`${api}/notebook.ipynb`)}`,
    ...(jupyterLab ? { jupyter: `${base}${sign(`${api}/jupyter`)}` } : {})
  }
}
