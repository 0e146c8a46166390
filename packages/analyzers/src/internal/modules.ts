import * as Lib from "./libraries.js"

/**
 * Which modules code that runs without approval may use: `data/libraries.yaml` `allowed` (a module with its
 * submodules, less the submodules and members it takes back out), plus what a site adds.
 */
export interface ModulePolicy {
  /** undefined when the module may be used; else why not. */
  readonly refuse: (qualified: string) => string | undefined
  /** The names whose use is refused inside allowed modules (`sys._getframe`): the model must follow them. */
  readonly denied: ReadonlySet<string>
}

/** `a`, `a.b`, `a.b.c` of `a.b.c`. */
const prefixes = (q: string): Array<string> => {
  const out: Array<string> = []
  for (let dot = q.indexOf("."); dot !== -1; dot = q.indexOf(".", dot + 1)) out.push(q.slice(0, dot))
  out.push(q)
  return out
}

export const modulePolicy = (extra: ReadonlyArray<string> = []): ModulePolicy => {
  const allowed = new Map<string, ReadonlyArray<string>>(Object.entries(Lib.knowledge.allowed))
  for (const module of extra) if (!allowed.has(module)) allowed.set(module, [])
  const denied = new Set<string>()
  for (const [module, deny] of allowed) for (const d of deny) denied.add(`${module}.${d}`)
  const refuse = (qualified: string): string | undefined => {
    const parts = prefixes(qualified)
    if (Lib.uncheckedLibraries.has(parts[0]!)) return `\`${parts[0]}\` is an EPICS library pyexec cannot check: its writes would go unseen`
    if (!parts.some((p) => allowed.has(p))) return `\`${parts[0]}\` is not on the list of modules code may use without approval`
    const taken = parts.find((p) => denied.has(p))
    return taken === undefined ? undefined : `\`${taken}\` is taken out of the modules code may use without approval: it can run code pyexec cannot read`
  }
  return { refuse, denied }
}

export const defaultModulePolicy: ModulePolicy = modulePolicy()
