import type { Finding } from "@pyexec/core"
import type { SyntaxNode } from "tree-sitter"
import type { Bindings } from "./internal/bindings.js"

/** What a rule gets to look at: the parsed tree and the names the code binds. */
export interface RuleContext {
  readonly source: string
  readonly root: SyntaxNode
  readonly bindings: Bindings
}

/** A place a rule flags; the engine adds the rule's code, name, category and severity. */
export interface RuleHit {
  readonly node: SyntaxNode
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
}
