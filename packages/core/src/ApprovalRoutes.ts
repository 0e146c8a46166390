import * as fs from "node:fs/promises"
import { Config, Effect, Option, Schema } from "effect"
import { parse as parseYaml } from "yaml"
import type { ApprovalDecision } from "./Approval.js"
import type { Attempt } from "./Attempt.js"
import { planOf } from "./WriteLedger.js"

/**
 * One route: the channels (globs, `SR:RF:*`) or analyzer categories (`process`) it covers, and what a run touching
 * them needs: `approvals` distinct approvers, each a member of `group` when one is named.
 */
export const Route = Schema.Struct({
  channels: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  categories: Schema.optional(Schema.Array(Schema.NonEmptyString)),
  group: Schema.optional(Schema.NonEmptyString),
  approvals: Schema.optionalWith(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)), { default: () => 1 })
})
export type Route = typeof Route.Type

/** The site's routing: groups of approvers by name (as they sign in: `alice`, `slack:U0123`), and the routes. */
export const Routes = Schema.Struct({
  groups: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.NonEmptyString) }), { default: () => ({}) }),
  routes: Schema.optionalWith(Schema.Array(Route), { default: () => [] })
})
export type Routes = typeof Routes.Type

export const none: Routes = { groups: {}, routes: [] }

/** What a run waiting for approval needs beyond one approval, and why (`SR:RF:* (SR:RF:FREQ_SET)`). */
export const Requirement = Schema.Struct({
  because: Schema.String,
  group: Schema.optional(Schema.String),
  approvals: Schema.Int
})
export type Requirement = typeof Requirement.Type

/** Every run needs one approval from a person who may approve. */
const base: Requirement = { because: "every run", approvals: 1 }

const globRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`)

/**
 * What the routes ask of an attempt. Its channels are those its preview planned; a write run with no plan (no
 * preview, or one that failed) may write anywhere, so every channel route applies (fail closed). A read-only run
 * writes nothing, so no channel route applies.
 */
export const requirementsFor = (routes: Routes, attempt: Attempt): Array<Requirement> => {
  const plan = planOf(attempt.preview)
  const writes = attempt.verdict?.profile === "write"
  const categories = new Set((attempt.analysis?.findings ?? []).map((f) => f.category))
  return routes.routes.flatMap((route): Array<Requirement> => {
    const reasons: Array<string> = []
    for (const pattern of route.channels ?? []) {
      if (!writes) continue
      if (plan === undefined) reasons.push(`${pattern} (no preview shows which channels the code writes)`)
      else {
        const matched = [...new Set(plan.map((w) => w.channel).filter((c) => globRegExp(pattern).test(c)))]
        if (matched.length > 0) reasons.push(`${pattern} (${matched.join(", ")})`)
      }
    }
    for (const category of route.categories ?? []) if (categories.has(category)) reasons.push(`category ${category}`)
    return reasons.length === 0 ? [] : [{ because: reasons.join("; "), approvals: route.approvals, ...(route.group ? { group: route.group } : {}) }]
  })
}

/** The groups a person belongs to. */
export const groupsOf = (routes: Routes, name: string): Array<string> =>
  Object.entries(routes.groups)
    .filter(([, members]) => members.includes(name))
    .map(([group]) => group)

/** How far one requirement is: who counted toward it, and how many approvals it still lacks. */
export interface Standing {
  readonly requirement: Requirement
  readonly by: ReadonlyArray<string>
  readonly missing: number
}

const counts = (requirement: Requirement, approval: ApprovalDecision) =>
  requirement.group === undefined || (approval.groups ?? []).includes(requirement.group)

/** Each requirement (the base one when routes ask nothing) against the approvals given. */
export const standing = (requirements: ReadonlyArray<Requirement>, approvals: ReadonlyArray<ApprovalDecision>): Array<Standing> =>
  (requirements.length === 0 ? [base] : requirements).map((requirement) => {
    const by = approvals.filter((a) => a.verdict === "approved" && counts(requirement, a)).map((a) => a.decidedBy)
    return { requirement, by, missing: Math.max(0, requirement.approvals - by.length) }
  })

export const complete = (standings: ReadonlyArray<Standing>) => standings.every((s) => s.missing === 0)

/** Whether a new approval would count toward something still missing. */
export const wouldCount = (standings: ReadonlyArray<Standing>, approval: ApprovalDecision) =>
  standings.some((s) => s.missing > 0 && counts(s.requirement, approval))

/** `2 approvals from group rf`: how many approvals, `more` of them when some were given, and from whom. */
export const approvalsText = (count: number, group: string | undefined, more = false) =>
  `${count} ${more ? "more " : ""}approval${count === 1 ? "" : "s"}${group ? ` from group ${group}` : ""}`

/** What is still missing, in words: `1 approval from group rf (SR:RF:* (SR:RF:FREQ_SET))`. */
export const missingText = (standings: ReadonlyArray<Standing>): Array<string> =>
  standings
    .filter((s) => s.missing > 0)
    .map((s) => {
      const what = approvalsText(s.missing, s.requirement.group, s.by.length > 0)
      return s.requirement === base ? what : `${what} (${s.requirement.because})`
    })

/** Every approval an attempt has: those that counted while it waited, and the one that settled it. */
export const approvalsOf = (attempt: Attempt): Array<ApprovalDecision> => [
  ...(attempt.approvals ?? []),
  ...(attempt.approval?.verdict === "approved" ? [attempt.approval] : [])
]

/** Where an attempt stands, from what was stored with it: the requirements it waited on, and its approvals. */
export const standingOf = (attempt: Attempt): Array<Standing> => standing(attempt.routing ?? [], approvalsOf(attempt))

const invalid = (file: string, why: string) => new ApprovalRoutesError({ message: `approval routes ${file}: ${why}` })

/** The routes file could not be read or does not say what routes are: start-up stops with its reason. */
export class ApprovalRoutesError extends Schema.TaggedError<ApprovalRoutesError>()("ApprovalRoutesError", {
  message: Schema.String
}) {}

/** Every route names channels or categories, and only groups that are defined. */
const checked = (file: string, routes: Routes) => {
  for (const [i, route] of routes.routes.entries()) {
    const where = `route ${i + 1}`
    if ((route.channels ?? []).length === 0 && (route.categories ?? []).length === 0) return Effect.fail(invalid(file, `${where} names no channels and no categories`))
    if (route.group !== undefined && !(route.group in routes.groups)) {
      return Effect.fail(invalid(file, `${where} names group ${route.group}, which is not under groups (${Object.keys(routes.groups).join(", ") || "none defined"})`))
    }
  }
  return Effect.succeed(routes)
}

/** Reads a routes file (YAML or JSON). */
export const load = (file: string) =>
  Effect.tryPromise({
    try: () => fs.readFile(file, "utf8"),
    catch: (e) => invalid(file, (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file: check PYEXEC_APPROVAL_ROUTES" : `cannot be read (${String(e)})`)
  }).pipe(
    Effect.flatMap((text) => Effect.try({ try: () => parseYaml(text) as unknown, catch: (e) => invalid(file, `is not valid YAML or JSON: ${String(e)}`) })),
    Effect.flatMap((raw) => Schema.decodeUnknown(Routes, { onExcessProperty: "error" })(raw ?? {}).pipe(Effect.mapError((e) => invalid(file, e.message)))),
    Effect.flatMap((routes) => checked(file, routes))
  )

/** PYEXEC_APPROVAL_ROUTES: the site's routes file, if it has one. */
export const fromEnvironment = Effect.flatMap(Config.option(Config.nonEmptyString("PYEXEC_APPROVAL_ROUTES")), (file) =>
  Option.match(file, { onNone: () => Effect.succeed(none), onSome: load })
)
