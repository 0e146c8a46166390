export type { Rule, RuleContext, RuleHit } from "./Rule.js"
export { builtinRules } from "./rules/index.js"
export * as TreeSitterAnalyzer from "./TreeSitterAnalyzer.js"
