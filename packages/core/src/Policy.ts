import { Config, Context, Effect, Layer, Schema } from "effect"
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

/**
 * What a site allows for code that writes to EPICS: `allow` (after approval), `block` (the run
 * ends), `regenerate` (the code goes back to the generator, told to only read).
 */
export const EpicsWrites = Schema.Literal("allow", "block", "regenerate")
export type EpicsWrites = typeof EpicsWrites.Type

export interface PolicyOptions {
  readonly epicsWrites: EpicsWrites
}

const describeSeverity = (report: AnalysisReport, severity: string): ReadonlyArray<string> =>
  report.findings
    .filter((f) => f.severity === severity && f.category !== "epics-write" && f.category !== "syntax")
    .map((f) => `${f.rule} line ${f.line}: ${f.message}`)

/**
 * The decision for a report. Code that does not parse goes back to the generator; EPICS writes
 * (and, in `epics_writes` mode, any error-severity finding such as a subprocess) need a person.
 */
export const decide = (report: AnalysisReport, mode: PolicyMode, options: PolicyOptions = { epicsWrites: "allow" }): PolicyVerdict => {
  const syntax = describe(report, "syntax")
  if (!report.parsed || syntax.length > 0) {
    return { decision: "retry", profile: "read-only", reasons: syntax.length > 0 ? syntax : ["the code does not parse"] }
  }
  const writes = describe(report, "epics-write")
  const profile = writes.length > 0 ? "write" : "read-only"
  if (writes.length > 0 && options.epicsWrites !== "allow") {
    const why = "EPICS writes are disabled at this site (PYEXEC_EPICS_WRITES)"
    return options.epicsWrites === "block"
      ? { decision: "block", profile, reasons: [why, ...writes] }
      : { decision: "retry", profile, reasons: [`${why}: write code that only reads`, ...writes] }
  }
  const dangerous = describeSeverity(report, "error")
  switch (mode) {
    case "disabled":
      return { decision: "execute", profile, reasons: ["approval policy is disabled"] }
    case "all_code":
      return { decision: "needs-approval", profile, reasons: ["policy all_code: every run needs approval", ...writes, ...dangerous] }
    case "epics_writes":
      return writes.length > 0 || dangerous.length > 0
        ? { decision: "needs-approval", profile, reasons: [...writes, ...dangerous] }
        : { decision: "execute", profile, reasons: ["no EPICS write or dangerous operation found"] }
  }
}

const strictness: Record<PolicyMode, number> = { disabled: 0, epics_writes: 1, all_code: 2 }

/**
 * The mode a run gets: a request may ask for a stricter mode than the configured one, never a
 * looser one, so nobody can switch approvals off by asking.
 */
export const effectiveMode = (configured: PolicyMode, requested: PolicyMode | undefined): PolicyMode =>
  requested !== undefined && strictness[requested] > strictness[configured] ? requested : configured

export const make = (options: PolicyOptions = { epicsWrites: "allow" }) =>
  Policy.of({ decide: (report, mode) => decide(report, mode, options) })

export const layer = Layer.succeed(Policy, make())

/** PYEXEC_EPICS_WRITES: allow (default), block, regenerate. */
export const layerConfig = Layer.effect(
  Policy,
  Effect.map(Config.literal("allow", "block", "regenerate")("PYEXEC_EPICS_WRITES").pipe(Config.withDefault("allow" as const)), (epicsWrites) =>
    make({ epicsWrites })
  )
)
