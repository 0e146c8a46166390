import type { Finding } from "@pyexec/core"
import type { Rule } from "../Rule.js"

/** Reported by the file reader, never by a check: a file pyexec could not read as Python text is not analysed. */
export const unreadableFile: Rule = {
  code: "E902",
  name: "unreadable-file",
  category: "syntax",
  severity: "error",
  doc: {
    whatItDoes: "Reports a file that could not be read as Python source: not UTF-8 text, too large, or not readable.",
    whyIsThisBad: "Code that cannot be read cannot be analysed, so nothing is known about what it does; it must be fixed before it may run.",
    example: "(a file saved as Latin-1, or a 50 MB generated file)",
    useInstead: "Save the file as UTF-8, split a very large file, or make it readable by the user running pyexec."
  },
  check: () => []
}

/** The one finding of a file that was not analysed, at its first line. */
export const unreadableFinding = (message: string): Finding.Finding => ({
  rule: unreadableFile.code,
  name: unreadableFile.name,
  category: unreadableFile.category,
  severity: unreadableFile.severity,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 1,
  message
})
