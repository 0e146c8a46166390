import { Schema } from "effect"
import { ExecutionProfile } from "./Approval.js"

export const PolicyDecision = Schema.Literal("execute", "needs-approval", "retry", "block")
export type PolicyDecision = typeof PolicyDecision.Type

export const PolicyVerdict = Schema.Struct({
  decision: PolicyDecision,
  profile: ExecutionProfile,
  reasons: Schema.Array(Schema.String)
})
export type PolicyVerdict = typeof PolicyVerdict.Type
