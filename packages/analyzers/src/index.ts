export type { Rule, RuleContext, RuleHit } from "./Rule.js"
export { builtinRules, engineRules } from "./rules/index.js"
export * as TreeSitterAnalyzer from "./TreeSitterAnalyzer.js"
