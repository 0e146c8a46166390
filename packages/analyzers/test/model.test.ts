import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import type Parser from "tree-sitter"
import { type Cell, Dependencies, type Part } from "../src/internal/dependencies.js"
import * as Model from "../src/internal/model.js"
import { parse } from "../src/internal/parse.js"
import { type Node, parseTree } from "../src/internal/syntaxTree.js"
import { TreeSitterAnalyzer } from "../src/index.js"
import { analysisFailed } from "../src/rules/index.js"

const model = (source: string) => Model.build(parseTree(source).root, source)
const writeLines = (source: string) => model(source).writes.map((w) => source.slice(0, w.node.start).split("\n").length)

/** `f1` returns `f2()`, ..., `fN` returns a PV: declared in that order, each pass carries the PV one function back. */
const chain = (length: number) =>
  [
    "import epics",
    ...Array.from({ length: length - 1 }, (_, i) => `def f${i + 1}():\n    return f${i + 2}()`),
    `def f${length}():\n    return epics.PV("SR:Q01:CURRENT_SP")`,
    "f1().put(1)"
  ].join("\n")

describe("the flow of values", () => {
  it("carries a value back through statements declared before the one that binds it", () => {
    const source = [
      "import epics",
      "def use():\n    get_channel().put(5)",
      "def get_channel():\n    return make()",
      "def make():\n    return factory('X')",
      "factory = epics.PV"
    ].join("\n")
    expect(writeLines(source)).toEqual([3])
  })

  it("re-reads a class's bases when the function that gives them is declared later", () => {
    const source = ["import epics", "def build():", "    class C(base()):", "        pass", "    return C('X')", "def base():", "    return epics.PV", "build().put(1)"].join("\n")
    expect(writeLines(source)).toEqual([8])
  })

  it("settles on a chain one step shorter than its pass limit and finds the write at its end", () => {
    const source = chain(24)
    const built = model(source)
    expect(built.settled).toBe(true)
    expect(built.writes.map((w) => source.slice(w.node.start, w.node.end))).toEqual(["f1().put(1)"])
  })

  // Re-visiting only the statements whose inputs changed must not move the limit: each step still takes a pass.
  it("says so when a chain reaches its pass limit: the report fails closed", () => {
    expect(model(chain(25)).settled).toBe(false)
    const report = TreeSitterAnalyzer.analyze(chain(25))
    expect(report.findings.map((f) => f.rule)).toContain(analysisFailed.code)
  })
})

describe("dependencies between parts of the code", () => {
  const part = (): Part => ({ stale: false })

  it("marks stale only the parts that read a cell that changed", () => {
    const deps = new Dependencies<Part>()
    const [reader, other] = [part(), part()]
    const cell = (): Cell<Part> => ({ readers: undefined })
    const [x, y, z] = [cell(), cell(), cell()]
    deps.visit(reader)
    deps.read(x)
    deps.visit(other)
    deps.read(y)
    deps.visit(undefined)
    deps.read(z)
    deps.changed(x)
    expect([reader.stale, other.stale]).toEqual([true, false])
    deps.changed(z)
    expect(other.stale).toBe(false)
  })
})

describe("the plain copy of the syntax tree", () => {
  const dropped = new Set(["comment", "string_start", "string_end", "escape_sequence"])
  const leaves = new Set(["identifier", "integer", "float", "true", "false", "none", "ellipsis"])
  const same = (copy: Node, node: Parser.SyntaxNode): void => {
    expect([copy.type, copy.start, copy.end]).toEqual([node.type, node.startIndex, node.endIndex])
    const kept = leaves.has(node.type) ? [] : node.namedChildren.filter((c) => !dropped.has(c.type))
    expect(copy.children.length).toBe(kept.length)
    for (const [i, child] of copy.children.entries()) same(child, kept[i]!)
  }

  it("keeps every named node of tree-sitter's tree but comments, string quotes and escapes", () => {
    const source = 'import epics\n# note\ndef f(a, *b, c=1):\n    """doc\\n"""\n    return f"{a!r:>{c}} \\x41" + "x"\n\nclass C(f(1)): pass\n'
    const tree = parse(source)
    same(parseTree(source).root, tree.rootNode)
  })

  it("matches tree-sitter's tree on every corpus snippet and rule fixture", () => {
    const dirs = ["corpus", "fixtures"].map((d) => path.join(__dirname, d))
    const files = dirs.flatMap((d) => fs.readdirSync(d, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".py")).map((f) => path.join(d, f)))
    expect(files.length).toBeGreaterThan(150)
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8")
      same(parseTree(source).root, parse(source).rootNode)
    }
  })

  it("reports syntax errors as tree-sitter does", () => {
    for (const source of ["x = 1\n", "def f(:\n", "x = (1,\n", "caput('X', 1"]) expect(parseTree(source).hasError).toBe(parse(source).rootNode.hasError)
    expect(parseTree("def f(:\n").hasError).toBe(true)
  })

  it("ends identifiers where tree-sitter does, with letters outside ASCII and in trees with errors", () => {
    for (const source of ["ñame = 1\ncafé_x2 = ñame + x_é\nΔt=1;t𝔘=2\n", "import\nfoo\nx = (\ndef f(:\n    caput(\n", "from . import\nbar é"]) {
      const tree = parse(source)
      same(parseTree(source).root, tree.rootNode)
    }
  })
})
