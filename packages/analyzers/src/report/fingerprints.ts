import { createHash } from "node:crypto"
import type { Finding } from "@pyexec/core"

/**
 * GitHub code scanning's key for following an alert from commit to commit: a hash of the flagged line's text
 * (here with the rule, whitespace runs made one space) and `:n`, the n-th time that rule flags such a line in
 * the file. The line number is not in it, so a finding that only moved keeps its fingerprint.
 */
export const fingerprintKey = "primaryLocationLineHash"

const normalized = (line: string) => line.trim().replace(/\s+/g, " ")

/** One fingerprint per finding, in the findings' order. */
export const lineFingerprints = (source: string, findings: ReadonlyArray<Finding.Finding>): ReadonlyArray<string> => {
  const lines = source.split(/\r\n|\r|\n/)
  const seen = new Map<string, number>()
  return findings.map((f) => {
    const hash = createHash("sha256")
      .update(`${f.rule}\n${normalized(lines[f.line - 1] ?? "")}`)
      .digest("hex")
      .slice(0, 16)
    const occurrence = (seen.get(hash) ?? 0) + 1
    seen.set(hash, occurrence)
    return `${hash}:${occurrence}`
  })
}
