import type { Approval, Errors } from "@pyexec/core"
import type { ProfileSettings } from "../Profiles.js"
import { unavailable } from "./errors.js"
import type { SshHost } from "./SshHost.js"

/** The hosts a profile may run on (`hosts` in its settings; none given: all), or why there are none. */
export const allowedHosts = (
  hosts: ReadonlyArray<SshHost>,
  settings: ProfileSettings,
  profile: Approval.ExecutionProfile
): ReadonlyArray<SshHost> | Errors.ExecutorUnavailable => {
  if (hosts.length === 0) return unavailable("misconfigured", "the SSH executor has no hosts: add at least one to its configuration", false)
  if (!settings.hosts) return hosts
  const names = new Set(settings.hosts)
  const allowed = hosts.filter((h) => names.has(h.name))
  if (allowed.length > 0) return allowed
  return unavailable(
    "misconfigured",
    `the execution profile '${profile}' may run on the SSH hosts ${settings.hosts.map((n) => `'${n}'`).join(", ")}, but the SSH executor has only ` +
      `${hosts.map((h) => `'${h.name}'`).join(", ")}: fix the profile's hosts or the executor's host names`,
    false
  )
}

/** Takes turns among the hosts a profile allows, one counter per set of hosts. */
export class RoundRobin {
  private readonly turns = new Map<string, number>()

  /** The hosts in the order to try them: the next in turn first, then the others (for a host that is down). */
  order(hosts: ReadonlyArray<SshHost>): Array<SshHost> {
    const key = hosts.map((h) => h.name).join("\0")
    const turn = this.turns.get(key) ?? 0
    this.turns.set(key, (turn + 1) % hosts.length)
    return hosts.map((_, i) => hosts[(turn + i) % hosts.length]!)
  }
}
