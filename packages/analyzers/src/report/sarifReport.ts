import * as path from "node:path"
import { pathToFileURL } from "node:url"
import type { Finding } from "@pyexec/core"
import type { Rule } from "../Rule.js"
import { builtinRules } from "../rules/index.js"
import type { FileAnalysis } from "./FileAnalysis.js"
import { fingerprintKey, lineFingerprints } from "./fingerprints.js"
import { type SecurityProperties, securityProperties } from "./securityProperties.js"
import { unreadableFile } from "./unreadableFile.js"

export interface SarifOptions {
  /** The rules the analysis ran, described in `tool.driver.rules`. */
  readonly rules: ReadonlyArray<Rule>
  /** pyexec's version, for `tool.driver.version`. */
  readonly version: string
  /** Absolute folder the file URIs are relative to (`%SRCROOT%`): the current folder. */
  readonly cwd: string
  /**
   * Absolute URI of pyexec's own folder, ending in `/`: `informationUri` is its README.md and each rule's
   * `helpUri` its section of docs/rules.md.
   */
  readonly projectUri: string
  /**
   * Tells this analysis apart from others uploaded for the same commit (GitHub code scanning's category):
   * `automationDetails.id` is `pyexec/analyze/` and then it with a `/`.
   */
  readonly category?: string | undefined
}

type Level = "error" | "warning" | "note"

/** The parts of SARIF 2.1.0 this report writes (see the OASIS schema for the whole). */
interface SarifDescriptor {
  readonly id: string
  readonly name: string
  readonly shortDescription: { readonly text: string }
  readonly fullDescription?: { readonly text: string }
  readonly help?: { readonly text: string; readonly markdown: string }
  readonly helpUri: string
  readonly defaultConfiguration: { readonly level: Level }
  readonly properties: SecurityProperties
}

interface SarifRegion {
  readonly startLine: number
  readonly startColumn: number
  readonly endLine?: number
  readonly endColumn?: number
}

interface SarifLocation {
  readonly uri: string
  readonly uriBaseId: string
  readonly index: number
}

export interface SarifLog {
  readonly $schema: string
  readonly version: "2.1.0"
  readonly runs: ReadonlyArray<{
    readonly tool: {
      readonly driver: {
        readonly name: string
        readonly version: string
        readonly semanticVersion: string
        readonly informationUri: string
        readonly rules: ReadonlyArray<SarifDescriptor>
      }
    }
    readonly automationDetails: { readonly id: string }
    readonly invocations: ReadonlyArray<{ readonly executionSuccessful: boolean; readonly workingDirectory: { readonly uri: string } }>
    readonly originalUriBaseIds: Record<string, { readonly uri: string }>
    readonly artifacts: ReadonlyArray<{
      readonly location: Omit<SarifLocation, "index">
      readonly sourceLanguage: "python"
      readonly properties: { readonly decision: FileAnalysis["decision"] }
    }>
    readonly results: ReadonlyArray<{
      readonly ruleId: string
      readonly ruleIndex: number
      readonly level: Level
      readonly message: { readonly text: string }
      readonly locations: ReadonlyArray<{ readonly physicalLocation: { readonly artifactLocation: SarifLocation; readonly region: SarifRegion } }>
      readonly partialFingerprints: { readonly [fingerprintKey]: string }
      readonly properties: { readonly category: string; readonly decision: FileAnalysis["decision"] }
    }>
    readonly columnKind: "utf16CodeUnits"
  }>
}

const schemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
const srcRoot = "%SRCROOT%"

const levelOf = (severity: Finding.Severity): Level => (severity === "info" ? "note" : severity)

/** The rules docs/rules.md has a section for; a plugin's rules share its section on facility rules. */
const documented: ReadonlySet<string> = new Set([...builtinRules, unreadableFile].map((rule) => rule.code))

/** The rule's section in docs/rules.md: GitHub's anchor for the heading `## CODE name`. */
const helpUri = (projectUri: string, rule: { readonly code: string; readonly name: string }) =>
  `${new URL("docs/rules.md", projectUri).href}#${documented.has(rule.code) ? `${rule.code}-${rule.name}`.toLowerCase() : "facility-rules"}`

const describe = (projectUri: string) => (rule: Rule): SarifDescriptor => {
  const { whatItDoes, whyIsThisBad, example, useInstead } = rule.doc
  const text = [whatItDoes, `Why is this bad? ${whyIsThisBad}`, `Example:\n${example}`, ...(useInstead ? [`Use instead: ${useInstead}`] : [])]
  const markdown = [
    `## What it does\n${whatItDoes}`,
    `## Why is this bad?\n${whyIsThisBad}`,
    `## Example\n\`\`\`python\n${example}\n\`\`\``,
    ...(useInstead ? [`## Use instead\n${useInstead}`] : [])
  ]
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: whatItDoes },
    fullDescription: { text: `${whatItDoes} ${whyIsThisBad}` },
    help: { text: text.join("\n\n"), markdown: markdown.join("\n\n") },
    helpUri: helpUri(projectUri, rule),
    defaultConfiguration: { level: levelOf(rule.severity) },
    properties: securityProperties(rule.category, rule.severity)
  }
}

/** A finding of a rule the caller did not list (a plugin's): described by what the finding itself says. */
const describeFinding = (projectUri: string, f: Finding.Finding): SarifDescriptor => ({
  id: f.rule,
  name: f.name,
  shortDescription: { text: f.name },
  helpUri: helpUri(projectUri, { code: f.rule, name: f.name }),
  defaultConfiguration: { level: levelOf(f.severity) },
  properties: securityProperties(f.category, f.severity)
})

/** The file's path from `cwd`, as a relative URI with `/` separators and each segment escaped. */
const relativeUri = (cwd: string, file: string) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).map(encodeURIComponent).join("/")

/** SARIF ends a region at the column after its last character, as the findings do; an empty region keeps only its start. */
const regionOf = (f: Finding.Finding): SarifRegion =>
  f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column)
    ? { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }
    : { startLine: f.line, startColumn: f.column }

/**
 * For code-scanning tools: one SARIF 2.1.0 run. The rules with their docs, one artifact per file carrying the
 * policy's decision (`properties.decision`), one result per finding. Columns count UTF-16 code units, as
 * tree-sitter gives them for a JavaScript string.
 */
export const sarifReport = (files: ReadonlyArray<FileAnalysis>, options: SarifOptions): SarifLog => {
  const listed = [...options.rules, unreadableFile].filter((rule, i, all) => all.findIndex((r) => r.code === rule.code) === i)
  const descriptors: Array<SarifDescriptor> = listed.map(describe(options.projectUri))
  const index = new Map(descriptors.map((d, i) => [d.id, i]))
  const ruleIndex = (f: Finding.Finding) => {
    const known = index.get(f.rule)
    if (known !== undefined) return known
    index.set(f.rule, descriptors.push(describeFinding(options.projectUri, f)) - 1)
    return descriptors.length - 1
  }
  const locations = files.map((file, i) => ({ uri: relativeUri(options.cwd, file.file), uriBaseId: srcRoot, index: i }))
  const results = files.flatMap((file, i) => {
    const fingerprints = lineFingerprints(file.source, file.report.findings)
    return file.report.findings.map((f, j) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex(f),
      level: levelOf(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: locations[i]!, region: regionOf(f) } }],
      partialFingerprints: { [fingerprintKey]: fingerprints[j]! },
      properties: { category: f.category, decision: file.decision }
    }))
  })
  const root = pathToFileURL(options.cwd).href.replace(/\/?$/, "/")
  return {
    $schema: schemaUri,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pyexec",
            version: options.version,
            semanticVersion: options.version,
            informationUri: new URL("README.md", options.projectUri).href,
            rules: descriptors
          }
        },
        automationDetails: { id: `pyexec/analyze/${options.category ? `${options.category}/` : ""}` },
        // findings in files that could not be read are results (E902), not a failed analysis
        invocations: [{ executionSuccessful: true, workingDirectory: { uri: root } }],
        originalUriBaseIds: { [srcRoot]: { uri: root } },
        artifacts: files.map((file, i) => ({
          location: { uri: locations[i]!.uri, uriBaseId: srcRoot },
          sourceLanguage: "python" as const,
          properties: { decision: file.decision }
        })),
        results,
        columnKind: "utf16CodeUnits"
      }
    ]
  }
}
