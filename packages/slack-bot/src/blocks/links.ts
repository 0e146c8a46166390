/** Where a run can be looked at outside Slack: the review page and the run's notebook on the pyexec server. */
export interface RunLinks {
  readonly review: string
  readonly notebook: string
}

export const runLinks = (base: string, runId: string): RunLinks => ({
  review: `${base}/runs/${encodeURIComponent(runId)}`,
  notebook: `${base}/api/runs/${encodeURIComponent(runId)}/notebook.ipynb`
})
