/**
 * Writes the run-time guard's table, packages/executors/runner/pyexec_epics_writes.py, from
 * packages/analyzers/data/libraries.yaml: the analyzer reads the same file, so the two cannot drift.
 * The runner is copied to containers and SSH hosts as plain files, so the guard gets a Python module,
 * not the YAML. Run it with `pnpm generate:guards`; test/knowledge.test.ts fails while the file is stale.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Knowledge from "../src/internal/knowledge.js"

const repo = fileURLToPath(new URL("../../../", import.meta.url))
/** The generated module, next to pyexec_guards.py. */
export const guardTablePath = path.join(repo, "packages/executors/runner/pyexec_epics_writes.py")

/** A Python string literal: the data file's names are identifiers, dotted names and command names. */
const str = (s: string) => JSON.stringify(s)

/** The text of pyexec_epics_writes.py for a data file. */
export const renderGuardTable = (data: Knowledge.Knowledge): string => {
  const writes = Object.entries(data.modules).flatMap(([module, m]) => {
    const entries = [
      ...m.writes.map((name) => [name, `${module}.${name}`] as const),
      ...Object.entries(m.classes).flatMap(([className, c]) => c.writes.map((method) => [`${className}.${method}`, `${module}.${className}.${method}`] as const))
    ]
    if (entries.length === 0) return []
    return `    ${str(module)}: [\n${entries.map(([attribute, label]) => `        (${str(attribute)}, ${str(label)}),\n`).join("")}    ],\n`
  })
  const source = path.relative(repo, Knowledge.dataPath)
  return [
    `# Generated from ${source} by packages/analyzers/scripts/generate-guard-table.ts: do not edit.`,
    "# Edit the data file, then run `pnpm generate:guards`.",
    '"""The EPICS write entry points pyexec_guards.py refuses in a read-only run: the same list the analyzer reads."""',
    "",
    "# module -> [(attribute path, label)]: patched right after the module is imported",
    `WRITES = {\n${writes.join("")}}`,
    "",
    "# command-line write tools, shadowed on PATH",
    `TOOLS = (\n${data.commands.tools.map((t) => `    ${str(t)},\n`).join("")})`,
    "",
    "# EPICS client libraries the guard cannot patch: importing one in a read-only run says so on stderr",
    `UNCHECKED = (\n${data.unchecked.map((t) => `    ${str(t)},\n`).join("")})`,
    ""
  ].join("\n")
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderGuardTable(Knowledge.load())
  const before = fs.existsSync(guardTablePath) ? fs.readFileSync(guardTablePath, "utf8") : undefined
  if (before === text) {
    console.log(`${path.relative(repo, guardTablePath)} is up to date`)
  } else {
    fs.writeFileSync(guardTablePath, text)
    console.log(`wrote ${path.relative(repo, guardTablePath)}`)
  }
}
