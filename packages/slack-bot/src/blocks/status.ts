import type { RunStatus } from "@pyexec/core"

/** How a status reads on a card: an emoji and words. */
export const statusLabel: Record<RunStatus.RunStatus, string> = {
  queued: ":inbox_tray: Queued",
  generating: ":pencil2: Writing code",
  analyzing: ":mag: Analyzing the code",
  awaiting_approval: ":raised_hand: Awaiting approval",
  approved: ":white_check_mark: Approved, starting",
  executing: ":gear: Running",
  succeeded: ":white_check_mark: Succeeded",
  failed: ":x: Failed",
  rejected: ":no_entry: Rejected",
  blocked: ":no_entry_sign: Blocked by policy",
  expired: ":hourglass: Expired without a decision",
  interrupted: ":warning: Interrupted",
  cancelled: ":stop_sign: Cancelled"
}
