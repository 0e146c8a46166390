import type { Approval } from "@pyexec/core"

/**
 * The only names a run takes from the server's environment: locale and time zone. Everything else the server
 * holds (API and Slack tokens, database URLs, PYEXEC_* settings) stays out of the code's reach.
 */
const inherited = ["LANG", "LC_ALL", "LC_CTYPE", "TZ"] as const

/**
 * A run reaches the control system as the operator's environment does (its EPICS_* settings), unless it is a
 * read-only run behind the gateway: then the gateway's addresses are all it has.
 */
const epicsSettings = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("EPICS_") && v !== undefined)) as Record<string, string>

export interface RunEnvironmentSpec {
  readonly profile: Approval.ExecutionProfile
  /** PATH as the code sees it. */
  readonly path: string
  readonly home: string
  /** USER and LOGNAME: the name the run announces to the gateway (a run's user has no passwd entry). */
  readonly user: string
  /** The execution profile's `env`. */
  readonly profileEnv: Readonly<Record<string, string>>
  /** Read-only runs: where the read-only gateways are; these win over the profile, the boundary decides them. */
  readonly gatewayEnv?: Readonly<Record<string, string>> | undefined
  /** The server's environment (process.env). */
  readonly server: NodeJS.ProcessEnv
}

/** A run's whole environment: the allow-list, then the profile's settings, then the gateway's addresses. */
export const runEnvironment = (spec: RunEnvironmentSpec): Record<string, string> => {
  const base: Record<string, string> = { PATH: spec.path, HOME: spec.home, USER: spec.user, LOGNAME: spec.user, MPLBACKEND: "Agg", PYTHONDONTWRITEBYTECODE: "1" }
  for (const name of inherited) {
    const value = spec.server[name]
    if (value !== undefined) base[name] = value
  }
  const behindGateway = spec.profile === "read-only" && spec.gatewayEnv !== undefined
  const epics = behindGateway ? {} : epicsSettings(spec.server)
  return { ...base, ...epics, ...spec.profileEnv, ...(behindGateway ? spec.gatewayEnv : {}) }
}
