import type { webApi } from "@slack/bolt"

/**
 * Whether a Slack user may decide: listed by ID, or a member of a listed user group (asked of Slack at each
 * decision, so a change of the group counts at once).
 */
export const isApprover = async (
  client: webApi.WebClient,
  approvers: ReadonlyArray<string>,
  user: string,
  warn: (message: string, error?: unknown) => void
): Promise<boolean> => {
  if (approvers.includes(user)) return true
  for (const group of approvers.filter((a) => a.startsWith("S"))) {
    try {
      const { users } = await client.usergroups.users.list({ usergroup: group })
      if (users?.includes(user)) return true
    } catch (error) {
      // a group Slack cannot list counts as one the user is not in: nobody is let in by an error
      warn(`listing the members of user group ${group} (SLACK_APPROVERS) failed`, error)
    }
  }
  return false
}
