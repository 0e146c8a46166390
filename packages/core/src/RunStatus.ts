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
  "interrupted"
)
export type RunStatus = typeof RunStatus.Type

const terminal: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "rejected", "blocked", "expired"])

/** A run in a terminal status never moves again. */
export const isTerminal = (status: RunStatus): boolean => terminal.has(status)
