import type { Finding } from "@pyexec/core"
import type { SyntaxNode } from "tree-sitter"
import type { SemanticModel } from "./internal/model.js"
import type { Node } from "./internal/syntaxTree.js"

/** What a rule gets to look at: the source, its syntax tree, and the semantic model built from it. */
export interface RuleContext {
  readonly source: string
  readonly root: Node
  readonly model: SemanticModel
  /** Whether the code has a syntax error. */
  readonly hasError: boolean
  /** tree-sitter's own tree, for rules that need what the plain copy leaves out (error nodes); parsed on first use. */
  readonly tree: SyntaxNode
}

/** A place a rule flags; the engine adds the rule's code, name, category and severity. */
export interface RuleHit {
  readonly node: { readonly start: number; readonly end: number }
  readonly message: string
}

/**
 * One rule, in Ruff's shape: a stable code in bands (EPICS0xx writes, EPICS1xx reads,
 * PY0xx dangerous operations), a name for the pattern it finds, and a doc block.
 */
export interface Rule {
  readonly code: string
  readonly name: string
  readonly category: Finding.FindingCategory
  readonly severity: Finding.Severity
  readonly doc: {
    readonly whatItDoes: string
    readonly whyIsThisBad: string
    readonly example: string
    readonly useInstead?: string
  }
  readonly check: (context: RuleContext) => Iterable<RuleHit>
  /**
   * Qualified names (`time.sleep`) the rule needs the model to follow beyond its own library
   * table: `model.namesAt` only knows names that lead somewhere.
   */
  readonly tracks?: ReadonlyArray<string>
}
