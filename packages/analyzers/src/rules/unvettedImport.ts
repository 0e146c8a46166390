import { callsNamed, literalText } from "../internal/calls.js"
import { defaultModulePolicy, type ModulePolicy } from "../internal/modules.js"
import type { Node } from "../internal/syntaxTree.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const dotted = (text: string) => text.replace(/\s+/g, "")

const make = (policy: ModulePolicy): Rule["check"] => {
  /** The first of these values that names a part taken out of an allowed module (`q:sys._getframe`), if any. */
  const takenOut = (values: ReadonlySet<string>): string | undefined => {
    if (values.size === 0) return undefined
    for (const v of values) {
      if (!v.startsWith("q:")) continue
      for (let name = v.slice(2); ; name = name.slice(0, name.lastIndexOf("."))) {
        if (policy.denied.has(name)) return v.slice(2)
        if (!name.includes(".")) break
      }
    }
    return undefined
  }
  return function* ({ model }: RuleContext): Generator<RuleHit> {
    const why = (node: Node, module: string): RuleHit | undefined => {
      const reason = policy.refuse(module)
      return reason === undefined ? undefined : { node, message: `imports \`${module}\`: ${reason}` }
    }
    const check = function* (node: Node): Generator<RuleHit> {
      if (node.type === "import_statement") {
        for (const child of node.children) {
          const name = child.type === "aliased_import" ? child.children[0] : child
          const hit = name && why(node, dotted(model.text(name)))
          if (hit) yield hit
        }
        return
      }
      const from = node.children[0]
      if (!from || from.type === "relative_import") {
        yield { node, message: `\`${model.text(node).split("\n")[0]}\` imports from the run's own folder, whose files the code can write` }
        return
      }
      const module = dotted(model.text(from))
      const moduleHit = why(node, module)
      if (moduleHit) {
        yield moduleHit
        return
      }
      for (const child of node.children.slice(1)) {
        const name = child.type === "aliased_import" ? child.children[0] : child
        if (name?.type !== "dotted_name") continue
        const hit = why(node, `${module}.${dotted(model.text(name))}`)
        if (hit) yield hit
      }
    }
    for (const node of model.imports) yield* check(node)
    for (const call of callsNamed(model, new Set(["__import__", "importlib.import_module"]))) {
      const name = literalText(call.positional[0], model)
      if (name === undefined) continue // dynamic-code reports a computed name
      const hit = why(call.node, name)
      if (hit) yield hit
    }
    // members taken out of an allowed module, used under any name: `sys._getframe`, `logging.config.dictConfig`
    for (const call of model.calls) {
      for (let node: Node | undefined = call.function; node !== undefined; node = node.type === "attribute" ? node.children[0] : undefined) {
        const taken = takenOut(model.valuesAt(node))
        if (taken !== undefined) {
          yield { node: call.node, message: `\`${model.text(call.function)}\` uses \`${taken}\`: ${policy.refuse(taken)}` }
          break
        }
      }
    }
  }

}

/** PY008, for the modules of data/libraries.yaml and the site's own (`allow_modules`). */
export const unvettedImportRule = (policy: ModulePolicy = defaultModulePolicy): Rule => ({
  code: "PY008",
  name: "unvetted-import",
  category: "import",
  severity: "error",
  doc: {
    whatItDoes:
      "Finds imports of modules that are not on the list code may use without approval (data/libraries.yaml `allowed`: the numerical, plotting and data stack, the standard library's computing modules and the EPICS clients pyexec checks), and uses of the parts taken out of them (`sys._getframe`, `numpy.ctypeslib`).",
    whyIsThisBad:
      "pyexec lets code run without a person only when it can show the code only reads. A module it does not know (ctypes, subprocess, socket, pickle, an EPICS library it cannot check, a file the run wrote) can write in ways no rule sees.",
    example: "import ctypes\nctypes.CDLL('libca.so').ca_put(...)",
    useInstead: "Use the allowed libraries; a site adds a module it trusts with `allow_modules` in its analyzer configuration."
  },
  tracks: [...policy.denied],
  check: make(policy)
})

export const unvettedImport: Rule = unvettedImportRule()
