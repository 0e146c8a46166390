import type { Identity } from "@pyexec/core"

/** How a Slack user acts on runs: `slack:<USERID>`, with the approver role when SLACK_APPROVERS names them. */
export const slackIdentity = (user: string, approver: boolean): Identity.Identity => ({
  name: `slack:${user}`,
  roles: approver ? ["requester", "approver"] : ["requester"]
})
