import type { Node } from "./syntaxTree.js"

export type ScopeKind = "module" | "function" | "lambda" | "class" | "comprehension"

/** A Python scope and the names bound in it. */
export interface Scope {
  readonly id: number
  readonly kind: ScopeKind
  readonly parent: Scope | undefined
  readonly node: Node
  readonly names: Set<string>
  readonly globals: Set<string>
  readonly nonlocals: Set<string>
  readonly params: Array<string>
  /** Functions: the `*args` and `**kwargs` parameters, and the default value of each parameter that has one. */
  varargs?: string
  kwargs?: string
  readonly defaults: Array<{ readonly name: string; readonly value: Node }>
  /** Modules imported with `from M import *` (module scope). */
  readonly starImports: Array<string>
  /** The top-level packages of every module imported anywhere in the code (module scope). */
  readonly imported?: Set<string>
  /** Every import statement of the code, in order (module scope). */
  readonly imports?: Array<Node>
  /** Methods: the class they are defined in, and whether `self` is the instance. */
  readonly methodOf?: Scope
  readonly selfIs?: "instance" | "class" | "none"
  /** Methods decorated as a property (`@property`, `@cached_property`): reading the name calls them. */
  readonly property?: boolean
}

/**
 * Identifiers a `case` pattern captures: `case {"pv": p, **rest}`, `case Point(x=q) as w`; not the class
 * of a class pattern, the keywords of its arguments, or dotted value patterns (`case Color.RED`).
 */
export const captureNames = (pattern: Node, source: string, out: Array<string> = []): Array<string> => {
  for (let i = 0; i < pattern.children.length; i++) {
    const child = pattern.children[i]!
    if (child.type === "dotted_name") {
      if (child.children.length === 1 && !(pattern.type === "class_pattern" && i === 0)) out.push(source.slice(child.start, child.end))
    } else if (child.type === "identifier") {
      if (!(pattern.type === "keyword_pattern" && i === 0)) out.push(source.slice(child.start, child.end))
    } else if (child.type !== "string") captureNames(child, source, out)
  }
  return out
}

/** Identifiers a target pattern binds: `a`, `a, (b, *c)`; attribute and subscript targets bind none. */
export const targetNames = (target: Node, source: string, out: Array<string> = []): Array<string> => {
  switch (target.type) {
    case "identifier":
      out.push(source.slice(target.start, target.end))
      break
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "tuple":
    case "list":
    case "expression_list":
    case "list_splat_pattern":
    case "list_splat":
    case "parenthesized_expression":
    case "as_pattern_target":
      for (const child of target.children) targetNames(child, source, out)
      break
  }
  return out
}

const paramName = (param: Node, source: string): string | undefined => {
  if (param.type === "identifier") return source.slice(param.start, param.end)
  const first = param.children[0]
  if (!first) return undefined
  return first.type === "identifier" ? source.slice(first.start, first.end) : paramName(first, source)
}

const decoratorNames = (decorated: Node | undefined, source: string): ReadonlyArray<string> =>
  decorated?.type === "decorated_definition"
    ? decorated.children.filter((c) => c.type === "decorator").map((c) => source.slice(c.start, c.end))
    : []

/** Finds every scope and the names bound in each: the first pass over the tree. */
export const collectScopes = (root: Node, source: string) => {
  const scopes = new Map<Node, Scope>()
  let nextId = 0
  const make = (kind: ScopeKind, node: Node, parent: Scope | undefined, extra: Partial<Scope> = {}): Scope => {
    const scope: Scope = { id: nextId++, kind, parent, node, names: new Set(), globals: new Set(), nonlocals: new Set(), params: [], defaults: [], starImports: [], ...extra }
    scopes.set(node, scope)
    return scope
  }
  const module = make("module", root, undefined, { imported: new Set<string>(), imports: [] })

  const bind = (scope: Scope, names: ReadonlyArray<string>) => {
    for (const name of names) scope.names.add(name)
  }

  const text = (n: Node) => source.slice(n.start, n.end)
  const visit = (node: Node, scope: Scope, parent: Node | undefined): void => {
    // a leaf binds nothing (every case below reads a child): most nodes are identifiers, spared the switch
    if (node.children.length === 0) return
    switch (node.type) {
      case "function_definition":
      case "class_definition": {
        const name = node.children[0]
        if (name?.type === "identifier") scope.names.add(text(name))
        if (node.type === "function_definition") {
          const decorators = decoratorNames(parent, source)
          const selfIs = scope.kind !== "class" ? "none" : decorators.some((d) => d.includes("staticmethod")) ? "none" : decorators.some((d) => d.includes("classmethod")) ? "class" : "instance"
          const property = decorators.some((d) => d.includes("property"))
          const inner = make("function", node, scope, scope.kind === "class" ? { methodOf: scope, selfIs, property } : {})
          for (const child of node.children) {
            if (child.type === "parameters") {
              for (const param of child.children) {
                const p = paramName(param, source)
                if (p) {
                  inner.params.push(p)
                  inner.names.add(p)
                  const kind = param.type === "typed_parameter" ? param.children[0]?.type : param.type
                  if (kind === "list_splat_pattern") inner.varargs = p
                  else if (kind === "dictionary_splat_pattern") inner.kwargs = p
                  else if (param.type === "default_parameter" || param.type === "typed_default_parameter") inner.defaults.push({ name: p, value: param.children[param.children.length - 1]! })
                }
                // default values belong to the enclosing scope
                for (let i = 1; i < param.children.length; i++) visit(param.children[i]!, scope, param)
              }
            } else if (child.type === "block") visit(child, inner, node)
            else if (child !== name) visit(child, scope, node)
          }
        } else {
          const inner = make("class", node, scope)
          for (const child of node.children) {
            if (child.type === "block") visit(child, inner, node)
            else if (child !== name) visit(child, scope, node)
          }
        }
        return
      }
      case "lambda": {
        const inner = make("lambda", node, scope)
        for (const child of node.children) {
          if (child.type === "lambda_parameters") {
            for (const param of child.children) {
              const p = paramName(param, source)
              if (p) {
                inner.params.push(p)
                inner.names.add(p)
                if (param.type === "list_splat_pattern") inner.varargs = p
                else if (param.type === "dictionary_splat_pattern") inner.kwargs = p
                else if (param.type === "default_parameter") inner.defaults.push({ name: p, value: param.children[param.children.length - 1]! })
              }
              // default values belong to the enclosing scope
              for (let i = 1; i < param.children.length; i++) visit(param.children[i]!, scope, param)
            }
          } else visit(child, inner, node)
        }
        return
      }
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression": {
        const inner = make("comprehension", node, scope)
        for (const child of node.children) visit(child, inner, node)
        return
      }
      case "for_in_clause":
      case "for_statement":
        if (node.children[0]) bind(scope, targetNames(node.children[0], source))
        break
      case "assignment":
      case "augmented_assignment":
        if (node.children[0]) bind(scope, targetNames(node.children[0], source))
        break
      case "named_expression": {
        const target = node.children[0]
        let s = scope
        while (s.kind === "comprehension" && s.parent) s = s.parent
        if (target) bind(s, targetNames(target, source))
        break
      }
      case "as_pattern": {
        const alias = node.children[1]
        if (alias) bind(scope, targetNames(alias, source))
        break
      }
      case "case_pattern":
        bind(scope, captureNames(node, source))
        return
      case "import_statement":
        module.imports!.push(node)
        for (const child of node.children) {
          const dotted = child.type === "aliased_import" ? child.children[0] : child
          if (dotted?.type === "dotted_name" && dotted.children[0]) module.imported!.add(text(dotted.children[0]))
          if (child.type === "aliased_import") {
            const alias = child.children[1]
            if (alias) scope.names.add(text(alias))
          } else if (child.type === "dotted_name") scope.names.add(text(child).split(".")[0]!.trim())
        }
        return
      case "import_from_statement": {
        module.imports!.push(node)
        const from = node.children[0]
        if (from?.type === "dotted_name" && from.children[0]) module.imported!.add(text(from.children[0]))
        for (let i = 1; i < node.children.length; i++) {
          const child = node.children[i]!
          if (child.type === "aliased_import") {
            const alias = child.children[1]
            if (alias) scope.names.add(text(alias))
          } else if (child.type === "dotted_name") scope.names.add(text(child))
          else if (child.type === "wildcard_import" && from?.type === "dotted_name") module.starImports.push(text(from).replace(/\s+/g, ""))
        }
        return
      }
      case "global_statement":
        for (const child of node.children) {
          scope.globals.add(text(child))
          module.names.add(text(child))
        }
        return
      case "nonlocal_statement":
        for (const child of node.children) scope.nonlocals.add(text(child))
        return
    }
    // (an index loop: `for…of` over the children allocated iterator objects here, a sixth of what an analysis allocated)
    const children = node.children
    for (let i = 0; i < children.length; i++) visit(children[i]!, scope, node)
  }
  for (const child of root.children) visit(child, module, root)
  return { module, scopes }
}

/** The scope a name refers to from `scope`, by Python's rules; undefined for builtins and unknowns. */
export const resolve = (scope: Scope, name: string, module: Scope): Scope | undefined => {
  if (scope.globals.has(name)) return module
  if (scope.nonlocals.has(name)) {
    for (let s = scope.parent; s; s = s.parent) if (s.kind !== "class" && s.names.has(name)) return s
    return undefined
  }
  if (scope.names.has(name)) return scope
  for (let s = scope.parent; s; s = s.parent) {
    if (s.kind !== "class" && s.names.has(name)) return s
  }
  return undefined
}

/** The function or lambda whose `return` a statement belongs to. */
export const enclosingFunction = (scope: Scope): Scope | undefined => {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.kind === "function" || s.kind === "lambda") return s
    if (s.kind === "class" || s.kind === "module") return undefined
  }
  return undefined
}
