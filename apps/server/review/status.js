import { getJson } from "./api.js"
import { h } from "./dom.js"

/** The statuses in the order a run goes through them, and the final ones: the server's, loaded by `loadStatuses`. */
export const statuses = []
export const finalStatuses = new Set()
/** The statuses in which nothing more happens by itself: a run in one of them cannot be cancelled. */
export const endedStatuses = new Set()

/** Asks the server for its statuses once (GET /api/statuses), before the first page is drawn. */
export const loadStatuses = async () => {
  if (statuses.length > 0) return
  const vocabulary = await getJson("/api/statuses")
  statuses.push(...vocabulary.statuses)
  for (const status of vocabulary.groups.terminal) finalStatuses.add(status)
  for (const status of vocabulary.groups.ended) endedStatuses.add(status)
}

export const statusLabel = (status) => status.replaceAll("_", " ")

/** A colour-coded status; the status itself is in data-status for tests and styles. */
export const statusBadge = (status) => h("span", { class: `badge status-${status}`, dataset: { status } }, statusLabel(status))
