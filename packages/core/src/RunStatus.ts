import { Schema } from "effect"

export const RunStatus = Schema.Literal(
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
  "interrupted",
  "cancelled"
)
export type RunStatus = typeof RunStatus.Type

/**
 * The groupings every part of pyexec uses (the pipeline, the work loop, the CLI, Slack, the review page by way of
 * the API): a status is in exactly one of `moving`, `waiting` and `ended`.
 */
export const groups = {
  /** The pipeline is working on the run, or a worker will pick it up. */
  moving: ["queued", "generating", "analyzing", "approved", "executing"],
  /** Nothing happens until a person decides. */
  waiting: ["awaiting_approval"],
  /** Nothing more happens by itself: a final status, or interrupted (a person may ask again). */
  ended: ["succeeded", "failed", "rejected", "blocked", "expired", "interrupted", "cancelled"],
  /** Final: the run never moves again. */
  terminal: ["succeeded", "failed", "rejected", "blocked", "expired", "cancelled"],
  /** A worker may claim the run and drive it; never `executing`, whose code may already have run. */
  claimable: ["queued", "generating", "analyzing", "approved"]
} as const satisfies Record<string, ReadonlyArray<RunStatus>>

export type Group = keyof typeof groups

const member = (group: Group) => {
  const set: ReadonlySet<RunStatus> = new Set(groups[group])
  return (status: RunStatus): boolean => set.has(status)
}

/** A run in a terminal status never moves again. */
export const isTerminal = member("terminal")
export const isMoving = member("moving")
export const isEnded = member("ended")
