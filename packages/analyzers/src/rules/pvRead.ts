import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const site of model.reads) {
    if (site.kind === "call") yield { node: site.node, message: `reads from EPICS (${site.what})` }
  }
}

export const pvRead: Rule = {
  code: "EPICS101",
  name: "pv-read",
  category: "epics-read",
  severity: "info",
  doc: {
    whatItDoes: "Notes reads of EPICS process variables: `caget`, `PV.get`, caproto `read`, p4p and pvaccess `get`, ophyd `get`/`read`.",
    whyIsThisBad: "Nothing: reads are what analysis code does. The note shows a reviewer which channels the code touches.",
    example: 'from epics import caget\ncurrent = caget("SR:DCCT:CURRENT")'
  },
  check
}
