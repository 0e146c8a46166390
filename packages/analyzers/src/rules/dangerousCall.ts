import { dangerousCalls } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

/** A rule that flags the calls the library table files under one category. */
export const dangerousCallRule = (rule: Omit<Rule, "check"> & { readonly verb: string }): Rule => ({
  ...rule,
  check: function* ({ model }: RuleContext): Generator<RuleHit> {
    for (const { call, name } of dangerousCalls(model, rule.category)) {
      yield { node: call.node, message: `\`${name}\` ${rule.verb}` }
    }
    for (const site of model.dangerousReferences) {
      const [category, name] = site.what.split(" ")
      if (category === rule.category) yield { node: site.node, message: `\`${name}\` is passed on as a value: whatever calls it ${rule.verb}` }
    }
  }
})
