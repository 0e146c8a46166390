import * as Lib from "./libraries.js"
import { type CallSite, literalString, type SemanticModel } from "./model.js"
import type { Node } from "./syntaxTree.js"

/** The qualified names a call's callee may be (`subprocess.run`, `exec`, `pathlib.Path.unlink`). */
export const calleeNames = (call: CallSite): ReadonlyArray<string> => call.names

const namedCallsKey = Symbol("namedCalls")

/** The calls whose callee has a qualified name, in order: most calls have none, and every rule that looks for names asks. */
const namedCalls = (model: SemanticModel): ReadonlyArray<CallSite> => model.memo(namedCallsKey, () => model.calls.filter((call) => call.names.length > 0))

interface DangerousCall {
  readonly call: CallSite
  readonly name: string
}

const dangerousKey = Symbol("dangerousCalls")

/** Category -> the calls of that category in order, each with the first of its names that is; made once per model. */
const dangerousIndex = (model: SemanticModel): ReadonlyMap<string, ReadonlyArray<DangerousCall>> =>
  model.memo(dangerousKey, () => {
    const byCategory = new Map<string, Array<DangerousCall>>()
    const note = (category: string | undefined, call: CallSite, name: string, found: Set<string>) => {
      if (category === undefined || found.has(category)) return
      found.add(category)
      const calls = byCategory.get(category)
      if (calls) calls.push({ call, name })
      else byCategory.set(category, [{ call, name }])
    }
    for (const call of model.calls) {
      const method = call.function.type === "attribute" ? call.function.children[1] : undefined
      const category = method && Lib.dangerousMethods.get(model.text(method))
      if (category !== undefined) note(category, call, model.text(call.function), new Set())
    }
    for (const call of namedCalls(model)) {
      const found = new Set<string>()
      for (const name of calleeNames(call)) {
        const dot = name.lastIndexOf(".")
        note(Lib.dangerousCalls.get(name), call, name, found)
        note(dot > 0 ? Lib.classes.get(name.slice(0, dot))?.dangerous?.get(name.slice(dot + 1)) : undefined, call, name, found)
      }
    }
    return byCategory
  })

const noCalls: ReadonlyArray<DangerousCall> = []

/** Calls whose callee is in the dangerous-call table under `category`, or a dangerous method of a known class. */
export const dangerousCalls = (model: SemanticModel, category: string): ReadonlyArray<DangerousCall> => dangerousIndex(model).get(category) ?? noCalls

export const callsNamed = (model: SemanticModel, names: ReadonlySet<string>) =>
  namedCalls(model).filter((call) => calleeNames(call).some((n) => names.has(n)))

/** The literal text of a string, or of the strings in a list or tuple; undefined when any part is computed. */
export const literalText = (node: Node | undefined, model: SemanticModel): string | undefined => {
  if (!node) return undefined
  if (node.type === "string") return literalString(node, model.text)
  if (node.type === "concatenated_string") {
    const parts = node.children.map((c) => literalString(c, model.text))
    return parts.every((p) => p !== undefined) ? parts.join("") : undefined
  }
  if (node.type === "list" || node.type === "tuple") {
    const parts = node.children.map((c) => literalText(c, model))
    return parts.every((p) => p !== undefined) ? parts.join(" ") : undefined
  }
  return undefined
}

/** The string pieces that are written out in a node, even in f-strings and concatenations. */
export const visibleText = (node: Node | undefined, model: SemanticModel): string =>
  !node
    ? ""
    : node.type === "string_content"
      ? model.text(node)
      : node.children.map((c) => visibleText(c, model)).join(" ")
