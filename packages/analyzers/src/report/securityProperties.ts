import type { Finding } from "@pyexec/core"

/**
 * GitHub code scanning ranks a security alert by `security-severity`, a CVSS-like score as a string (9.0 and up
 * critical, 7.0 high, 4.0 medium, below that low), on rules tagged `security`. pyexec scores a rule by what its
 * category lets the code do: change the machine highest, then run or load arbitrary code, then reach outside.
 */
const byCategory: Record<string, string> = {
  "epics-write": "8.5",
  process: "8.0",
  "dynamic-code": "8.0",
  deserialization: "8.0",
  "file-write-outside": "7.0",
  network: "6.0",
  "file-delete": "5.5",
  import: "5.0",
  reflection: "4.5",
  "epics-read": "2.0"
}

/** A plugin's category pyexec does not know: scored by the severity its rule reports with. */
export const scoreBySeverity: Record<Finding.Severity, string> = { error: "7.0", warning: "4.0", info: "2.0" }

/** Not a security finding: the code does not parse or cannot be read, so it is sent back, not scored. */
const notSecurity: ReadonlySet<string> = new Set(["syntax"])

export interface SecurityProperties {
  readonly category: string
  readonly tags: ReadonlyArray<string>
  readonly "security-severity"?: string
}

/** A rule's `properties`: its category, its tags, and its score when it is about security. */
export const securityProperties = (category: string, severity: Finding.Severity): SecurityProperties =>
  notSecurity.has(category)
    ? { category, tags: ["correctness", category] }
    : { category, tags: [...new Set(["security", category])], "security-severity": byCategory[category] ?? scoreBySeverity[severity] }
