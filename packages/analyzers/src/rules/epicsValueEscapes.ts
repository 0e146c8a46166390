import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const site of model.escapes) {
    yield {
      node: site.node,
      message:
        site.kind === "call"
          ? `${site.what}, which pyexec does not follow: it may write to an EPICS process variable with it`
          : site.kind === "untraced"
            ? `${site.what}, a value library code or Python itself hands in, which pyexec cannot trace: it may be an EPICS object, and this a write`
            : `${site.what} may write to an EPICS process variable: pyexec does not follow what Python calls by itself`
    }
  }
}

export const epicsValueEscapes: Rule = {
  code: "EPICS005",
  name: "epics-value-escapes",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes:
      "Finds EPICS objects (a PV, a context, a device, a class that makes them) handed to code pyexec does not follow, such as a library function it has no table for, and dunder methods of subclasses of EPICS classes, which Python calls by itself.",
    whyIsThisBad:
      "pyexec lets code run without a person only when it can show the code only reads. Code it cannot see into may call `put` on what it is given; a subclass's `__call__` or `__exit__` may write when Python calls it.",
    example: "from types import SimpleNamespace\nimport epics\nholder = SimpleNamespace(pv=epics.PV('SR:Q01:CURRENT_SP'))\nholder.pv.put(3)",
    useInstead: "Read the value first (`pv.get()`) and hand the number on; keep EPICS objects in your own code, where pyexec can follow them."
  },
  check
}
