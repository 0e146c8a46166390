import type { SyntaxNode } from "tree-sitter"
import { walk } from "./parse.js"

/**
 * What the names in a module stand for, from its imports and simple assignments:
 * `import epics as e` binds `e` to `epics`; `from epics import caput as cp` binds `cp`
 * to `epics.caput`; `pv = PV("X")` makes `pv` an instance of `epics.PV`.
 */
export interface Bindings {
  /** The dotted name a local name refers to, if it was imported. */
  readonly qualified: ReadonlyMap<string, string>
  /** Modules imported with `from M import *`. */
  readonly starImports: ReadonlyArray<string>
  /** The qualified class of names bound to the result of a call, e.g. `pv` -> `epics.PV`. */
  readonly instances: ReadonlyMap<string, string>
}

const dotted = (node: SyntaxNode | null): string | undefined => node?.text.replace(/\s+/g, "")

const collectImports = (root: SyntaxNode, qualified: Map<string, string>, starImports: Array<string>) => {
  for (const node of walk(root)) {
    if (node.type === "import_statement") {
      for (const child of node.namedChildren) {
        if (child.type === "aliased_import") {
          const name = dotted(child.childForFieldName("name"))
          const alias = child.childForFieldName("alias")?.text
          if (name && alias) qualified.set(alias, name)
        } else if (child.type === "dotted_name") {
          // `import epics.ca` binds `epics`; attribute access resolves the rest.
          const head = child.text.split(".")[0]!
          qualified.set(head, head)
        }
      }
    } else if (node.type === "import_from_statement") {
      const module = dotted(node.childForFieldName("module_name"))
      if (!module || module.startsWith(".")) continue
      for (const child of node.namedChildren.slice(1)) {
        if (child.type === "wildcard_import") starImports.push(module)
        else if (child.type === "aliased_import") {
          const name = dotted(child.childForFieldName("name"))
          const alias = child.childForFieldName("alias")?.text
          if (name && alias) qualified.set(alias, `${module}.${name}`)
        } else if (child.type === "dotted_name") qualified.set(child.text, `${module}.${child.text}`)
      }
    }
  }
}

/** The dotted name an expression refers to (`e.ca.put` -> `epics.ca.put`), if it can be told. */
export const resolve = (node: SyntaxNode, bindings: Bindings, knownStarNames: (module: string) => ReadonlySet<string>): string | undefined => {
  if (node.type === "identifier") {
    const bound = bindings.qualified.get(node.text)
    if (bound) return bound
    const star = bindings.starImports.find((m) => knownStarNames(m).has(node.text))
    return star ? `${star}.${node.text}` : undefined
  }
  if (node.type === "attribute") {
    const object = node.childForFieldName("object")
    const attribute = node.childForFieldName("attribute")
    if (!object || !attribute) return undefined
    const base = resolve(object, bindings, knownStarNames)
    return base ? `${base}.${attribute.text}` : undefined
  }
  return undefined
}

export const collect = (root: SyntaxNode, knownStarNames: (module: string) => ReadonlySet<string>): Bindings => {
  const qualified = new Map<string, string>()
  const starImports: Array<string> = []
  collectImports(root, qualified, starImports)
  const partial: Bindings = { qualified, starImports, instances: new Map() }
  const instances = new Map<string, string>()
  for (const node of walk(root)) {
    if (node.type !== "assignment") continue
    const left = node.childForFieldName("left")
    const right = node.childForFieldName("right")
    if (left?.type !== "identifier" || right?.type !== "call") continue
    const callee = right.childForFieldName("function")
    const cls = callee ? resolve(callee, partial, knownStarNames) : undefined
    if (cls) instances.set(left.text, cls)
  }
  return { qualified, starImports, instances }
}
