import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const site of model.unknownEpicsCalls) {
    yield { node: site.node, message: `\`${model.text(site.node).split("\n")[0]!.slice(0, 60)}\` calls ${site.what || "an EPICS object"}, which pyexec does not know: it is treated as a write` }
  }
}

export const unknownEpicsCall: Rule = {
  code: "EPICS003",
  name: "unknown-epics-call",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes: "Finds calls into an EPICS library (or on an object from one) that are not in pyexec's table of known reads and writes.",
    whyIsThisBad: "pyexec fails closed: what it cannot name might write (an ophyd `stage()` does), so it goes to a person.",
    example: "import epics\nepics.some_new_helper('SR:Q01', 3)",
    useInstead: "Use the documented read functions (`caget`, `PV.get`), or add the call to the library table in packages/analyzers/src/internal/libraries.ts."
  },
  check
}
