import { describe, expect, it } from "@effect/vitest"
import { type Finding, Policy } from "../src/index.js"

const finding = (category: Finding.FindingCategory): Finding.Finding => ({
  rule: "X001",
  name: "x",
  category,
  severity: "error",
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 9,
  message: "m"
})
const report = (findings: ReadonlyArray<Finding.Finding>, parsed = true): Finding.AnalysisReport => ({ codeSha256: "0".repeat(64), parsed, findings, durationMs: 1 })

describe("Policy.decide", () => {
  it.each([
    ["epics_writes", [], "execute", "read-only"],
    ["epics_writes", ["epics-write"], "needs-approval", "write"],
    ["epics_writes", ["epics-read"], "execute", "read-only"],
    ["all_code", [], "needs-approval", "read-only"],
    ["all_code", ["epics-write"], "needs-approval", "write"],
    ["disabled", ["epics-write"], "execute", "write"]
  ] as const)("mode %s with %j -> %s (%s)", (mode, categories, decision, profile) => {
    const verdict = Policy.decide(report(categories.map(finding)), mode)
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
