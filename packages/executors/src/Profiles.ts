import type { Approval } from "@pyexec/core"
import { Schema } from "effect"

/**
 * What a run gets from its execution profile, which the analysis decides (`read-only` unless the run was
 * approved to write). The runner's guards follow the profile's name; these settings pick where the code can reach.
 */
export const ProfileSettings = Schema.Struct({
  /** Added to the code's environment, e.g. EPICS_CA_ADDR_LIST of a read-only or a write gateway. */
  env: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { default: () => ({}) }),
  /** Container executor: the Docker network the container joins. Without one it has no network at all. */
  network: Schema.optional(Schema.NonEmptyString),
  /** SSH executor: the names of the hosts that may run this profile (default: every host). */
  hosts: Schema.optional(Schema.Array(Schema.NonEmptyString))
})
export type ProfileSettings = typeof ProfileSettings.Type

export const Profiles = Schema.Struct({
  "read-only": Schema.optionalWith(ProfileSettings, { default: () => ({ env: {} }) }),
  write: Schema.optionalWith(ProfileSettings, { default: () => ({ env: {} }) })
})
export type Profiles = typeof Profiles.Type

export const none: Profiles = { "read-only": { env: {} }, write: { env: {} } }

export const settings = (profiles: Profiles, profile: Approval.ExecutionProfile): ProfileSettings => profiles[profile]
