import type { types } from "@slack/bolt"

const usage = [
  "*`/pyexec <request>`*: have code written for a request in plain words, then run it. Code that writes to the machine waits for an approver's click.",
  "*`/pyexec exec` followed by a code block*: run the given code, through the same analysis and approval.",
  "*`/pyexec status <run-id>`*: where a run is now.",
  "*`/pyexec help`*: this text."
].join("\n")

/** The answer to `/pyexec help`, only for the one who asked; `problem` says what was wrong with the command first. */
export const helpMessage = (problem?: string): { readonly text: string; readonly blocks: ReadonlyArray<types.KnownBlock> } => ({
  text: problem ?? "How to use /pyexec",
  blocks: [
    ...(problem ? [{ type: "section", text: { type: "mrkdwn", text: `:warning: ${problem}` } } as const] : []),
    { type: "section", text: { type: "mrkdwn", text: usage } },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: "Results, figures and links to the notebook arrive in the thread of the run's message." }]
    }
  ]
})
