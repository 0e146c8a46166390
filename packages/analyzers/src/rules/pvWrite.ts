import type { SyntaxNode } from "tree-sitter"
import { resolve } from "../internal/bindings.js"
import { exportedNames, writeFunctions, writerClasses } from "../internal/epics.js"
import { walk } from "../internal/parse.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

/** The EPICS class a call's receiver is an instance of: `pv.put` after `pv = PV(...)`, or `PV(...).put`. */
const receiverClass = (object: SyntaxNode, context: RuleContext): string | undefined => {
  if (object.type === "identifier") return context.bindings.instances.get(object.text)
  if (object.type === "call") {
    const callee = object.childForFieldName("function")
    return callee ? resolve(callee, context.bindings, exportedNames) : undefined
  }
  return undefined
}

const check = function* (context: RuleContext): Generator<RuleHit> {
  for (const node of walk(context.root)) {
    if (node.type !== "call") continue
    const callee = node.childForFieldName("function")
    if (!callee) continue
    const name = resolve(callee, context.bindings, exportedNames)
    if (name && writeFunctions.has(name)) {
      yield { node, message: `\`${callee.text}\` (${name}) writes to an EPICS process variable` }
      continue
    }
    if (callee.type !== "attribute") continue
    const object = callee.childForFieldName("object")
    const method = callee.childForFieldName("attribute")?.text
    if (!object || !method) continue
    const cls = receiverClass(object, context)
    if (cls && writerClasses.get(cls)?.has(method)) {
      yield { node, message: `\`${callee.text}\` calls ${method} on an ${cls} and writes to an EPICS process variable` }
    }
  }
}

export const pvWrite: Rule = {
  code: "EPICS001",
  name: "pv-write",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes: "Finds calls that write a value to an EPICS process variable: `caput`, `caput_many`, `ca.put` and `put` on a `PV`.",
    whyIsThisBad:
      "A write changes the machine. pyexec runs such code only after a person approves that exact code, so every write must be found, whatever name it is called by.",
    example: 'from epics import caput as set_pv\nset_pv("QUAD:01:CURRENT", 12.5)',
    useInstead: "Read with `caget` / `PV.get` when the task is an analysis; a write is fine when it is meant, and goes to approval."
  },
  check
}
