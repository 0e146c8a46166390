import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const check = function* ({ model }: RuleContext): Generator<RuleHit> {
  for (const site of model.writes) {
    const code = model.text(site.node).split("\n")[0]!.slice(0, 60)
    switch (site.kind) {
      case "call":
        yield { node: site.node, message: `\`${code}\` calls ${site.what}, which writes to an EPICS process variable` }
        break
      case "reference":
        yield { node: site.node, message: `\`${code}\` is ${site.what}, an EPICS write, passed on as a value: it may be called later` }
        break
      case "store":
        yield { node: site.node, message: `assigning \`${code}\` sets ${site.what}: it writes to an EPICS process variable` }
        break
      case "setattr":
        yield { node: site.node, message: `\`${code}\` sets an attribute of an EPICS object (${site.what}): it may write to a process variable` }
        break
    }
  }
}

export const pvWrite: Rule = {
  code: "EPICS001",
  name: "pv-write",
  category: "epics-write",
  severity: "error",
  doc: {
    whatItDoes:
      "Finds every place that writes to an EPICS process variable, under any name: `caput`, `PV.put`, `pv.value = x`, caproto `write`, p4p and pvaccess `put`, ophyd `put`/`set`/`move`, also when the write is aliased, rebound, wrapped in partial or lambda, or passed on as a callable.",
    whyIsThisBad:
      "A write changes the machine. pyexec runs such code only after a person approves that exact code, so every write must be found, whatever it is called.",
    example: 'from epics import caput as set_pv\nset_pv("SR:Q01:CURRENT_SP", 12.5)',
    useInstead: "Read with `caget` or `PV.get` when the task is an analysis; a write is fine when it is meant, and goes to approval."
  },
  check
}
