import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import { Worker } from "node:worker_threads"
import { describe, expect, it } from "@effect/vitest"
import * as Flat from "@pyexec/python-tree"
import Parser from "tree-sitter"
import Python from "tree-sitter-python"

const require = createRequire(import.meta.url)
const language = (Python as unknown as { language: Flat.Language }).language
const keepAll = new Uint8Array(Flat.ERROR_SYMBOL + 1).fill(1)
const source = fs.readFileSync(path.join(__dirname, "corpus/001-epics-caput-basic.py"), "utf8").repeat(50)
const corpus = fs.readdirSync(path.join(__dirname, "corpus")).map((name) => fs.readFileSync(path.join(__dirname, "corpus", name), "utf8"))

/** The records of a tree read node by node through tree-sitter's own binding: every node, named or not. */
const viaBinding = (text: string): Array<number> => {
  const parser = new Parser()
  parser.setLanguage(Python as unknown as Parser.Language)
  const out: Array<number> = []
  const visit = (node: Parser.SyntaxNode) => {
    const at = out.length
    out.push(node.typeId, node.startIndex, node.endIndex, 0)
    for (const child of node.children) visit(child)
    out[at + Flat.NEXT] = out.length / Flat.FIELDS
  }
  visit(parser.parse(text).rootNode)
  return out
}

/** Parses `source` `times` times on a worker thread; answers with the last records and whether all were equal. */
const onWorker = (times: number) =>
  new Promise<{ records: Int32Array; same: boolean }>((resolve, reject) => {
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads")
      import(workerData.flat).then((Flat) => {
        const { language } = require(workerData.python)
        const policy = new Uint8Array(Flat.ERROR_SYMBOL + 1).fill(1)
        const first = Flat.parse(language, workerData.source, policy).records
        let same = true
        let last = first
        for (let i = 1; i < workerData.times; i++) {
          last = Flat.parse(language, workerData.source, policy).records
          same &&= last.length === first.length && last.every((v, j) => v === first[j])
        }
        parentPort.postMessage({ records: last, same })
      })`,
      { eval: true, workerData: { flat: require.resolve("@pyexec/python-tree"), python: require.resolve("tree-sitter-python"), source, times } }
    )
    worker.once("message", (answer) => {
      resolve(answer)
      void worker.terminate()
    })
    worker.once("error", reject)
  })

describe("the native tree copy (@pyexec/python-tree)", () => {
  it("parses on several threads at once, each with its own parser", async () => {
    const expected = Flat.parse(language, source, keepAll).records
    const answers = await Promise.all([onWorker(200), onWorker(200), onWorker(200)])
    for (const { records, same } of answers) {
      expect(same).toBe(true)
      expect([...records]).toEqual([...expected])
    }
  })

  it("reads the same nodes, kinds and offsets as tree-sitter's own cursor, hidden nodes and aliases included", () => {
    for (const text of [...corpus, "ñ = f'{a!r:>{b}}' + b'\\x00'\nmatch p:\n    case [1, *r] if r: pass\n", "def f(:\n  x = (1,\n"]) {
      expect([...Flat.parse(language, text, keepAll).records]).toEqual(viaBinding(text))
    }
  })

  it("copies a tree nested far deeper than the C stack would allow a recursive walk", () => {
    const depth = 100_000
    const { records, hasError } = Flat.parse(language, `x = ${"(".repeat(depth)}1${")".repeat(depth)}\n`, keepAll)
    const types = Flat.symbols(language).map(([name]) => name)
    const nested = Array.from({ length: records.length / Flat.FIELDS }, (_, i) => types[records[i * Flat.FIELDS + Flat.TYPE]!]).filter((t) => t === "parenthesized_expression")
    expect(hasError).toBe(false)
    expect(nested.length).toBe(depth)
    expect(records[Flat.NEXT]).toBe(records.length / Flat.FIELDS)
  })

  it("gives the same tree again after parses of other sizes (the memory of one parse is reused by the next)", () => {
    const big = corpus.join("\n").repeat(4)
    const first = [...Flat.parse(language, big, keepAll).records]
    for (const text of corpus.slice(0, 20)) Flat.parse(language, text, keepAll)
    expect([...Flat.parse(language, big, keepAll).records]).toEqual(first)
    expect(first.length).toBeGreaterThan(50_000)
  })

  it("rejects what is not a grammar, a string and a policy with a message that says what it expected", () => {
    expect(() => Flat.parse({}, "x = 1", keepAll)).toThrow(/expected a tree-sitter grammar's `language`/)
    expect(() => Flat.parse(language, 42 as unknown as string, keepAll)).toThrow(/the source must be a string/)
    expect(() => Flat.parse(language, "x = 1", [1, 1] as unknown as Uint8Array)).toThrow(/the policy must be a Uint8Array/)
  })

  it("keeps a node and its subtree, a node alone, or nothing, as the policy says", () => {
    const ids = new Map(Flat.symbols(language).map(([name, named], id) => [`${name}/${named}`, id] as const))
    const policy = new Uint8Array(Flat.ERROR_SYMBOL + 1)
    policy[ids.get("expression_statement/true")!] = 1
    policy[ids.get("call/true")!] = 2
    const { records, hasError } = Flat.parse(language, "f(x)\ng(y)\n", policy)
    // module, then per statement: expression_statement (its subtree) and call (alone, its arguments left out)
    const nodes = Array.from({ length: records.length / Flat.FIELDS }, (_, i) => [...records.subarray(i * Flat.FIELDS, (i + 1) * Flat.FIELDS)])
    const call = ids.get("call/true")!
    const statement = ids.get("expression_statement/true")!
    expect(nodes).toEqual([
      [ids.get("module/true"), 0, 10, 5],
      [statement, 0, 4, 3],
      [call, 0, 4, 3],
      [statement, 5, 9, 5],
      [call, 5, 9, 5]
    ])
    expect(hasError).toBe(false)
  })
})
