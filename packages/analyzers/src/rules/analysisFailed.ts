import type { Rule } from "../Rule.js"

/** Reported by the engine itself, never by a check: see TreeSitterAnalyzer. */
export const analysisFailed: Rule = {
  code: "E901",
  name: "analysis-failed",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes: "Reports code the analyzer could not read to the end: larger than the analysis limit, nested deeper than the analysis follows, or a rule failed on it.",
    whyIsThisBad: "pyexec fails closed: code it could not read may write to the machine, so it goes to a person.",
    example: "(a 20 MB generated file)"
  },
  check: () => []
}
