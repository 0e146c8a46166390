import { callsNamed, literalText } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const namespaces = new Set(["globals", "locals"])
const imports = new Set(["__import__", "importlib.import_module"])

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const call of callsNamed(model, new Set(["getattr", "setattr", "delattr", "hasattr"]))) {
    if (literalText(call.positional[1], model) !== undefined) continue
    if ([...call.argValues(0)].some((v) => v.startsWith("q:") || v === "epics-any" || v === "reflect")) {
      yield { node: call.node, message: `\`${model.text(call.function)}\` on a module with a name computed at run time` }
    }
  }
  for (const call of callsNamed(model, namespaces)) yield { node: call.node, message: `\`${model.text(call.function)}()\` exposes a namespace to lookups by name` }
  for (const call of callsNamed(model, new Set(["vars"]))) yield { node: call.node, message: "`vars()` exposes a namespace to lookups by name" }
  for (const call of callsNamed(model, imports)) {
    if (literalText(call.positional[0], model) === undefined) yield { node: call.node, message: "imports a module named at run time" }
  }
  for (const site of model.namespaceAccess) yield { node: site.node, message: `\`${site.what}\` reaches modules or namespaces by name` }
}

export const moduleReflection: Rule = {
  code: "PY007",
  name: "module-reflection",
  category: "reflection",
  severity: "warning",
  doc: {
    whatItDoes: "Finds reflection on modules and namespaces: `getattr`/`setattr` with computed names on modules, `globals()`, `locals()`, `vars()`, `sys.modules`, `__dict__`, `__builtins__`, imports of computed names.",
    whyIsThisBad: "Reflection hides what the code calls; it is the usual way to get past a static check.",
    example: 'import os\ngetattr(os, "sys" + "tem")("rm -rf data")',
    useInstead: "Call functions by their names."
  },
  check
}
