import { Config, Context, Effect, Layer } from "effect"
import * as ApprovalRoutes from "./ApprovalRoutes.js"
import type { Attempt } from "./Attempt.js"
import { hasRole, type Identity, Role } from "./Identity.js"
import type { Run } from "./Run.js"

export interface ApprovalSettings {
  /** Who may decide: names, and `role:<role>` entries. Empty: anyone with the approver role. */
  readonly approvers: ReadonlyArray<string>
  /** The requester may not approve their own run. */
  readonly fourEyes: boolean
  /** A run waiting longer than this becomes `expired`; none: it waits for ever. */
  readonly expiryHours?: number
  /** Who must approve what a run changes (PYEXEC_APPROVAL_ROUTES); none: one approval by an approver. */
  readonly routes?: ApprovalRoutes.Routes
}

/** Why a decider may not decide on a run, or undefined when they may. */
export type Refusal = { readonly reason: "not-allowed" | "own-run"; readonly message: string }

export class ApprovalRules extends Context.Tag("@pyexec/core/ApprovalRules")<
  ApprovalRules,
  {
    readonly settings: ApprovalSettings
    /** Whether this identity may decide on this run, whatever its status. */
    readonly refusal: (run: Run, decider: Identity) => Refusal | undefined
    /** The moment a run waiting since `since` expires, if expiry is configured. */
    readonly expiresAt: (since: string) => string | undefined
    /** The caller may approve or reject this run now. */
    readonly mayDecide: (run: Run, decider: Identity) => boolean
    /** What the routes ask of an attempt that waits, beyond one approval. */
    readonly requirementsFor: (attempt: Attempt) => Array<ApprovalRoutes.Requirement>
    /** The approval groups a person belongs to. */
    readonly groupsOf: (name: string) => Array<string>
  }
>() {}

const allowed = (approvers: ReadonlyArray<string>, decider: Identity): boolean =>
  approvers.length === 0
    ? hasRole(decider, "approver")
    : approvers.some((entry) => (entry.startsWith("role:") ? hasRole(decider, entry.slice(5) as Role) : entry === decider.name))

export const make = (settings: ApprovalSettings): ApprovalRules["Type"] => {
  const refusal = (run: Run, decider: Identity): Refusal | undefined => {
    if (!allowed(settings.approvers, decider)) {
      const who = settings.approvers.length === 0 ? "holders of the approver role" : settings.approvers.join(", ")
      return { reason: "not-allowed", message: `${decider.name} may not decide on runs: only ${who} may (PYEXEC_APPROVERS)` }
    }
    if (settings.fourEyes && decider.name === run.request.requester) {
      return {
        reason: "own-run",
        message: `${decider.name} asked for run ${run.id} and may not approve it too: the four-eyes rule wants another approver`
      }
    }
    return undefined
  }
  const expiresAt = (since: string) =>
    settings.expiryHours === undefined ? undefined : new Date(Date.parse(since) + settings.expiryHours * 3_600_000).toISOString()
  return ApprovalRules.of({
    settings,
    refusal,
    expiresAt,
    mayDecide: (run, decider) => run.status === "awaiting_approval" && refusal(run, decider) === undefined,
    requirementsFor: (attempt) => ApprovalRoutes.requirementsFor(settings.routes ?? ApprovalRoutes.none, attempt),
    groupsOf: (name) => ApprovalRoutes.groupsOf(settings.routes ?? ApprovalRoutes.none, name)
  })
}

const roleNames = new Set<string>(Role.literals)

/** PYEXEC_APPROVERS (`alice,bob,role:approver`), PYEXEC_FOUR_EYES, PYEXEC_APPROVAL_EXPIRY_HOURS (the routes apart). */
export const config = Config.all({
  approvers: Config.string("PYEXEC_APPROVERS").pipe(
    Config.withDefault(""),
    Config.map((list) => list.split(",").map((s) => s.trim()).filter((s) => s.length > 0)),
    Config.validate({
      message: "entries are names or role:requester, role:approver, role:admin",
      validation: (entries) => entries.every((e) => !e.startsWith("role:") || roleNames.has(e.slice(5)))
    })
  ),
  fourEyes: Config.boolean("PYEXEC_FOUR_EYES").pipe(Config.withDefault(false)),
  expiryHours: Config.option(
    Config.number("PYEXEC_APPROVAL_EXPIRY_HOURS").pipe(
      Config.validate({ message: "must be a positive number of hours", validation: (n) => n > 0 })
    )
  )
}).pipe(
  Config.map(({ expiryHours, ...rest }): ApprovalSettings => ({
    ...rest,
    ...(expiryHours._tag === "Some" ? { expiryHours: expiryHours.value } : {})
  }))
)

export const layer = (settings: ApprovalSettings = { approvers: [], fourEyes: false }) => Layer.succeed(ApprovalRules, make(settings))

/** The settings from the environment, with the routes file PYEXEC_APPROVAL_ROUTES names. */
export const fromEnvironment = Effect.map(Effect.all([config, ApprovalRoutes.fromEnvironment]), ([settings, routes]) => ({ ...settings, routes }))

export const layerConfig = Layer.effect(ApprovalRules, Effect.map(fromEnvironment, make))
