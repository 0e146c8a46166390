import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { guardTablePath, renderGuardTable } from "../scripts/generate-guard-table.js"
import { TreeSitterAnalyzer } from "../src/index.js"
import * as Knowledge from "../src/internal/knowledge.js"
import * as Lib from "../src/internal/libraries.js"

/**
 * data/libraries.yaml is the one list of EPICS writes: the analyzer reads it, the run-time guard's table
 * (executors/runner/pyexec_epics_writes.py) is generated from it. Here: the table is not stale, every write
 * is flagged by the analyzer and refused by the guard, and every name exists in the libraries installed.
 */

const data = Knowledge.load()
const types = Knowledge.typesOf(data)
const runnerDir = path.dirname(guardTablePath)

const findings = (source: string, rule: string) => TreeSitterAnalyzer.analyze(source).findings.filter((f) => f.rule === rule)

/** The import and the call that make an object of `type`: a class of the data file, or a constructor in libraries.ts. */
const constructorsOf = (type: string): ReadonlyArray<string> => [
  ...[...Knowledge.constructorsOf(data)].filter(([, t]) => t === type).map(([q]) => q),
  ...[...Lib.members].filter(([, m]) => (m.kind === "class" || m.kind === "factory") && m.returns === type).map(([q]) => q)
]
const make = (qualified: string) => {
  const dot = qualified.lastIndexOf(".")
  return { imports: `from ${qualified.slice(0, dot)} import ${qualified.slice(dot + 1)}`, call: `${qualified.slice(dot + 1)}("SR:TEST")` }
}

describe("libraries.yaml", () => {
  it("the guard's table is generated from the current data file (else: pnpm generate:guards)", () => {
    const onDisk = fs.readFileSync(guardTablePath, "utf8")
    expect(onDisk === renderGuardTable(data), `${guardTablePath} is stale: run \`pnpm generate:guards\``).toBe(true)
  })

  it("every write function is an EPICS001 write, imported as a module or by name", () => {
    for (const { module, name } of Knowledge.functionsOf(data)) {
      for (const source of [`import ${module}\n${module}.${name}("SR:TEST", 1)\n`, `from ${module} import ${name}\n${name}("SR:TEST", 1)\n`]) {
        expect(
          findings(source, "EPICS001").map((f) => f.line),
          source
        ).toEqual([2])
      }
    }
  })

  it("every write method and settable attribute of every type is an EPICS001 write, on each of its classes", () => {
    for (const [type, { writes, settable }] of types) {
      const constructors = constructorsOf(type)
      expect(constructors.length, `no constructor of ${type}`).toBeGreaterThan(0)
      for (const q of constructors) {
        const { imports, call } = make(q)
        for (const method of writes) {
          const source = `${imports}\n${call}.${method}(1)\n`
          expect(
            findings(source, "EPICS001").map((f) => f.line),
            source
          ).toEqual([2])
        }
        for (const attribute of settable) {
          const source = `${imports}\npv = ${call}\npv.${attribute} = 1\n`
          expect(
            findings(source, "EPICS001").map((f) => f.line),
            source
          ).toEqual([3])
        }
      }
    }
  })

  it("tells a listed write from an unknown method (the checks above can fail)", () => {
    const { imports, call } = make("epics.pv.PV")
    expect(findings(`${imports}\n${call}.not_a_listed_write(1)\n`, "EPICS001")).toEqual([])
  })

  it("every command-line write tool and `python -m` write command is an EPICS002 finding", () => {
    for (const tool of data.commands.tools) {
      const hits = findings(`import subprocess\nsubprocess.run(["${tool}", "SR:TEST", "1"])\n`, "EPICS002")
      expect(hits.map((f) => f.message).join("\n"), tool).toContain(` ${tool},`)
    }
    for (const { module, subcommands } of data.commands.pythonModules) {
      for (const sub of subcommands.length === 0 ? [undefined] : subcommands) {
        const args = ["python3", "-m", module, ...(sub === undefined ? [] : [sub]), "SR:TEST", "1"]
        const hits = findings(`import subprocess\nsubprocess.run(${JSON.stringify(args)})\n`, "EPICS002")
        expect(hits.map((f) => f.message).join("\n"), args.join(" ")).toContain(`python -m ${module}`)
      }
    }
  })

  it("the guard refuses every write function and method, shadows every tool, and each name exists where installed", () => {
    const script = `
import importlib, json, sys, tempfile
sys.path.insert(0, sys.argv[1])
import pyexec_epics_writes as table
import pyexec_guards as guards

def resolve(module, dotted):
    owner = module
    for part in dotted.split("."):
        if not hasattr(owner, part):
            return None
        owner = getattr(owner, part)
    return owner

out = {"same_table": guards._WRITES is table.WRITES and guards._TOOLS is table.TOOLS,
       "writes": {m: [p for p, _ in entries] for m, entries in table.WRITES.items()}, "tools": list(table.TOOLS),
       "checked": [], "not_installed": {}, "missing": [], "not_refused": []}
modules = {}
for name in table.WRITES:
    try:
        modules[name] = importlib.import_module(name)
        out["checked"].append(name)
    except ImportError as e:
        out["not_installed"][name] = getattr(e, "name", None) or repr(e)
# before the guard: the names exist (patching would add a missing one)
for name, module in modules.items():
    out["missing"] += [name + "." + p for p, _ in table.WRITES[name] if resolve(module, p) is None]
folder = tempfile.mkdtemp()
guards.install(folder)
for name, module in modules.items():
    for p, _ in table.WRITES[name]:
        try:
            resolve(module, p)("SR:TEST", 1)
            out["not_refused"].append(name + "." + p)
        except guards.EpicsWriteRefused:
            pass
        except Exception as e:
            out["not_refused"].append("%s.%s: %r" % (name, p, e))
import os
out["shadowed"] = sorted(t for t in table.TOOLS if os.access(os.path.join(folder, t), os.X_OK))
print(json.dumps(out))
`
    const out = JSON.parse(execFileSync("python3", ["-c", script, runnerDir], { encoding: "utf8" })) as {
      same_table: boolean
      writes: Record<string, Array<string>>
      tools: Array<string>
      checked: Array<string>
      not_installed: Record<string, string>
      missing: Array<string>
      not_refused: Array<string>
      shadowed: Array<string>
    }
    expect(out.same_table, "pyexec_guards uses pyexec_epics_writes' WRITES and TOOLS").toBe(true)

    // the generated table holds exactly the data file's writes
    const expected = new Map<string, Array<string>>()
    for (const { module, name } of Knowledge.functionsOf(data)) expected.set(module, [...(expected.get(module) ?? []), name])
    for (const { module, className, method } of Knowledge.methodsOf(data)) expected.set(module, [...(expected.get(module) ?? []), `${className}.${method}`])
    expect(new Map(Object.entries(out.writes))).toEqual(expected)
    expect(out.tools).toEqual(data.commands.tools)

    // pyepics, caproto and p4p are in the dev venv: each of their modules is checked, unless it needs a
    // library that is not (p4p.client.cothread needs cothread)
    const installed = ["epics", "caproto", "p4p"]
    for (const module of Object.keys(out.writes).filter((m) => installed.includes(m.split(".")[0]!))) {
      const why = out.not_installed[module]
      expect(why === undefined || !installed.includes(why.split(".")[0]!), `${module} did not import (${why}): is the dev venv's python3 first on PATH?`).toBe(true)
    }
    expect(out.checked).toContain("epics.pv")
    expect(out.missing, "names the data file lists that the installed library does not define").toEqual([])
    expect(out.not_refused, "writes the read-only guard let through").toEqual([])
    expect(out.shadowed).toEqual([...data.commands.tools].sort())
  })

  it("every data-file type is an EPICS class of libraries.ts, and its writes are the class's writers", () => {
    for (const [type, { writes, settable }] of types) {
      const info = Lib.classes.get(type)
      expect(info?.epics, type).toBe(true)
      expect([...info!.writers].sort()).toEqual([...writes].sort())
      expect([...info!.settable].sort()).toEqual([...settable].sort())
    }
  })
})
