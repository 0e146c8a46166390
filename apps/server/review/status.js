import { h } from "./dom.js"

export const statuses = [
  "queued",
  "generating",
  "analyzing",
  "awaiting_approval",
  "approved",
  "executing",
  "succeeded",
  "failed",
  "rejected",
  "blocked",
  "expired",
  "interrupted"
]

export const finalStatuses = new Set(["succeeded", "failed", "rejected", "blocked", "expired"])

export const statusLabel = (status) => status.replaceAll("_", " ")

/** A colour-coded status; the status itself is in data-status for tests and styles. */
export const statusBadge = (status) => h("span", { class: `badge status-${status}`, dataset: { status } }, statusLabel(status))
