import { callsNamed, literalText } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const alwaysOpaque = new Set(["exec", "eval", "compile", "globals", "locals", "types.FunctionType", "runpy.run_path", "runpy.run_module"])
const opaqueUnlessLiteral = new Set(["__import__", "importlib.import_module", "getattr", "operator.methodcaller", "operator.attrgetter"])

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const call of callsNamed(model, alwaysOpaque)) {
    yield { node: call.node, message: `\`${model.text(call.function)}(...)\` runs or reaches code pyexec cannot read in advance: it may write to EPICS` }
  }
  for (const call of callsNamed(model, opaqueUnlessLiteral)) {
    const isGetattr = model.text(call.function) === "getattr" || [...call.callee].includes("q:getattr")
    const nameArg = isGetattr ? call.positional[1] : call.positional[0]
    if (literalText(nameArg, model) !== undefined) continue
    if (isGetattr && ![...call.argValues(0)].some((v) => v.startsWith("q:") || v.startsWith("obj:") || v === "epics-any" || v === "reflect")) continue
    yield { node: call.node, message: `\`${model.text(call.node).split("\n")[0]!.slice(0, 60)}\` looks a name up at run time: it may reach an EPICS write` }
  }
  for (const call of callsNamed(model, new Set(["vars"]))) {
    const target = call.positional.length === 0 ? undefined : call.argValues(0)
    if (!target || [...target].some((v) => v.startsWith("q:") || v === "epics-any" || v.startsWith("obj:"))) {
      yield { node: call.node, message: "`vars()` exposes a namespace: a write may be looked up through it" }
    }
  }
  for (const site of model.namespaceAccess) {
    yield { node: site.node, message: `\`${site.what}\` reaches modules or namespaces by name: a write may be looked up through it` }
  }
}

export const dynamicLookup: Rule = {
  code: "EPICS004",
  name: "dynamic-lookup",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes:
      "Finds code whose effect cannot be read before it runs: `exec`/`eval`/`compile`, `getattr` with a computed name on a module or an EPICS object, `globals()`/`vars()`/`locals()`, `sys.modules`, `__import__`/`importlib.import_module` of a computed name.",
    whyIsThisBad: "`getattr(epics, 'ca' + 'put')` is a write that no pattern can see. pyexec fails closed: such code goes to a person.",
    example: 'import epics\ngetattr(epics, "ca" + "put")("SR:Q01:CURRENT_SP", 1)',
    useInstead: "Call functions by their names."
  },
  check
}
