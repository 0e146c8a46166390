import { describe, expect, it } from "@effect/vitest"
import { type Finding, Ids, Policy } from "../src/index.js"

const finding = (category: Finding.FindingCategory, severity: Finding.Severity = category === "epics-read" ? "info" : "error"): Finding.Finding => ({
  rule: "X001",
  name: "x",
  category,
  severity,
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 9,
  message: "m"
})
const report = (findings: ReadonlyArray<Finding.Finding>, parsed = true): Finding.AnalysisReport => ({ codeSha256: Ids.CodeSha256.make("0".repeat(64)), parsed, findings, durationMs: 1 })

describe("Policy.decide", () => {
  it.each([
    ["epics_writes", [], "execute", "read-only"],
    ["epics_writes", ["epics-write"], "needs-approval", "write"],
    ["epics_writes", ["epics-read"], "execute", "read-only"],
    ["epics_writes", ["process"], "needs-approval", "read-only"],
    ["all_code", [], "needs-approval", "read-only"],
    ["all_code", ["epics-write"], "needs-approval", "write"],
    ["disabled", ["epics-write"], "execute", "write"]
  ] as const)("mode %s with %j -> %s (%s)", (mode, categories, decision, profile) => {
    const verdict = Policy.decide(report(categories.map((c) => finding(c))), mode)
    expect(verdict.decision).toBe(decision)
    expect(verdict.profile).toBe(profile)
  })

  it("sends code that does not parse back to the generator, whatever the mode", () => {
    for (const mode of ["disabled", "epics_writes", "all_code"] as const) {
      const verdict = Policy.decide(report([finding("syntax")], false), mode)
      expect(verdict.decision).toBe("retry")
      expect(verdict.reasons[0]).toContain("X001 line 3")
    }
  })
})

describe("Policy.effectiveMode", () => {
  it("lets a request tighten the configured mode, never loosen it", () => {
    expect(Policy.effectiveMode("epics_writes", "all_code")).toBe("all_code")
    expect(Policy.effectiveMode("epics_writes", "disabled")).toBe("epics_writes")
    expect(Policy.effectiveMode("all_code", "epics_writes")).toBe("all_code")
    expect(Policy.effectiveMode("disabled", undefined)).toBe("disabled")
  })
})

describe("Policy severities and the writes kill-switch", () => {
  it("lets warnings and infos through, and stops errors for a person", () => {
    expect(Policy.decide(report([finding("network", "warning"), finding("epics-read", "info")]), "epics_writes").decision).toBe("execute")
    expect(Policy.decide(report([finding("deserialization", "error")]), "epics_writes").decision).toBe("needs-approval")
  })

  it("an epics-write finding needs approval whatever its severity", () => {
    expect(Policy.decide(report([finding("epics-write", "info")]), "epics_writes").decision).toBe("needs-approval")
  })

  it("with writes disabled, a write is blocked or sent back to the generator, by configuration", () => {
    const writes = report([finding("epics-write")])
    expect(Policy.decide(writes, "epics_writes", { epicsWrites: "block" })).toMatchObject({ decision: "block", profile: "write" })
    const back = Policy.decide(writes, "epics_writes", { epicsWrites: "regenerate" })
    expect(back.decision).toBe("retry")
    expect(back.reasons[0]).toContain("write code that only reads")
    expect(Policy.decide(report([finding("process")]), "epics_writes", { epicsWrites: "block" }).decision).toBe("needs-approval")
  })
})
