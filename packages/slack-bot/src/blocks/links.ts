import { Context } from "effect"

/** Where a run can be looked at outside Slack: the review page and the run's notebook on the pyexec server. */
export interface RunLinks {
  readonly review: string
  readonly notebook: string
}

/**
 * Makes a path on the server (a run's notebook) a link that opens in a browser without a token: the server's
 * signed links, made for the bot. Without it, the path as it is (it then needs an API token).
 */
export class LinkSigner extends Context.Tag("@pyexec/slack-bot/LinkSigner")<LinkSigner, (path: string) => string>() {}

export const runLinks = (base: string, runId: string, sign: (path: string) => string = (path) => path): RunLinks => ({
  review: `${base}/runs/${encodeURIComponent(runId)}`,
  notebook: `${base}${sign(`/api/runs/${encodeURIComponent(runId)}/notebook.ipynb`)}`
})
