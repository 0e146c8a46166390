import { Context, Layer } from "effect"
import type { PolicyMode } from "./ExecutionRequest.js"
import type { AnalysisReport } from "./Finding.js"
import type { PolicyVerdict } from "./PolicyVerdict.js"

/** Turns an analysis report into a decision: execute, ask a person, regenerate, or refuse. */
export class Policy extends Context.Tag("@pyexec/core/Policy")<
  Policy,
  {
    readonly decide: (report: AnalysisReport, mode: PolicyMode) => PolicyVerdict
  }
>() {}

const describe = (report: AnalysisReport, category: string): ReadonlyArray<string> =>
  report.findings
    .filter((f) => f.category === category)
    .map((f) => `${f.rule} line ${f.line}: ${f.message}`)

export const decide = (report: AnalysisReport, mode: PolicyMode): PolicyVerdict => {
  const syntax = describe(report, "syntax")
  if (!report.parsed || syntax.length > 0) {
    return { decision: "retry", profile: "read-only", reasons: syntax.length > 0 ? syntax : ["the code does not parse"] }
  }
  const writes = describe(report, "epics-write")
  const profile = writes.length > 0 ? "write" : "read-only"
  switch (mode) {
    case "disabled":
      return { decision: "execute", profile, reasons: ["approval policy is disabled"] }
    case "all_code":
      return { decision: "needs-approval", profile, reasons: ["policy all_code: every run needs approval", ...writes] }
    case "epics_writes":
      return writes.length > 0
        ? { decision: "needs-approval", profile, reasons: writes }
        : { decision: "execute", profile, reasons: ["no EPICS write found"] }
  }
}

const strictness: Record<PolicyMode, number> = { disabled: 0, epics_writes: 1, all_code: 2 }

/**
 * The mode a run gets: a request may ask for a stricter mode than the configured one, never a
 * looser one, so nobody can switch approvals off by asking.
 */
export const effectiveMode = (configured: PolicyMode, requested: PolicyMode | undefined): PolicyMode =>
  requested !== undefined && strictness[requested] > strictness[configured] ? requested : configured

export const layer = Layer.succeed(Policy, Policy.of({ decide }))
