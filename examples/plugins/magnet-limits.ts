/**
 * An example analyzer plugin: FAC001 magnet-current-limit, a facility's limit on magnet currents.
 *
 * It finds EPICS writes of a numeric literal above `maxAmps` to a PV whose name matches `pattern`:
 * `caput("SR:Q01:CURRENT_SP", 250)`, `caput_many([...], [...])`, `PV("SR:Q01:CURRENT_SP").put(250)` and
 * `pv = PV("SR:Q01:CURRENT_SP")` … `pv.put(250)`. List it in the analyzer configuration:
 *
 * ```yaml
 * plugins:
 *   - module: ./magnet-limits.ts
 *     options: { maxAmps: 200, pattern: ":CURRENT_SP$" }
 * ```
 */
import { type CallSite, definePlugin, type Node, type Rule, type RuleContext, type RuleHit, type SemanticModel } from "@pyexec/analyzers"
import { Schema } from "effect"

const RegExpSource = Schema.String.pipe(
  Schema.filter((source) => {
    try {
      new RegExp(source)
      return true
    } catch {
      return `'${source}' is not a regular expression`
    }
  })
)

/** The plugin's options; what is left out takes its default. */
const Options = Schema.Struct({
  /** The largest current (A) code may set without this rule reporting it. */
  maxAmps: Schema.optionalWith(Schema.Number.pipe(Schema.finite(), Schema.positive()), { default: () => 200 }),
  /** Which PVs are magnet current setpoints, as a regular expression over the PV name. */
  pattern: Schema.optionalWith(RegExpSource, { default: () => ":CURRENT_SP$" })
})

const caputs = new Set(["epics.caput", "caproto.threading.pyepics_compat.caput"])
const caputMany = new Set(["epics.caput_many"])
const pvPuts = new Set(["epics.PV.put"])
const pvFactories = new Set(["epics.PV", "epics.pv.PV", "epics.get_pv", "epics.pv.get_pv", "caproto.threading.pyepics_compat.PV"])

/** The text of a plain string literal (no f-string parts), or undefined. */
const stringLiteral = (node: Node | undefined, model: SemanticModel): string | undefined => {
  if (node?.type !== "string" || node.children.some((c) => c.type === "interpolation")) return undefined
  return node.children
    .filter((c) => c.type === "string_content")
    .map((c) => model.text(c))
    .join("")
}

/** The value of a number literal (`250`, `2.5e2`, `-250`, `1_000`), or undefined. */
const numberLiteral = (node: Node | undefined, model: SemanticModel): number | undefined => {
  if (node?.type === "unary_operator" && node.children.length === 1) {
    const inner = numberLiteral(node.children[0], model)
    const sign = model.text(node).trimStart()[0]
    return inner === undefined ? undefined : sign === "-" ? -inner : sign === "+" ? inner : undefined
  }
  if (node?.type !== "integer" && node?.type !== "float") return undefined
  const value = Number(model.text(node).replaceAll("_", ""))
  return Number.isFinite(value) ? value : undefined
}

/** The name a `PV("NAME")` (or `get_pv("NAME")`) call is made with, also through a variable bound to one. */
const pvName = (node: Node | undefined, model: SemanticModel, root: Node): string | undefined => {
  if (node?.type === "call") {
    const call = model.calls.find((c) => c.node === node)
    if (!call || !model.namesAt(call.function).some((n) => pvFactories.has(n))) return undefined
    return stringLiteral(call.positional[0] ?? call.keywords.get("pvname"), model)
  }
  if (node?.type !== "identifier" || !model.namesAt(node).includes("epics.PV()")) return undefined
  const name = model.text(node)
  const bound: Array<Node> = []
  const visit = (n: Node) => {
    const [target, value] = n.children
    if (n.type === "assignment" && target?.type === "identifier" && model.text(target) === name && value) bound.push(value)
    n.children.forEach(visit)
  }
  visit(root)
  const names = new Set(bound.map((value) => pvName(value, model, root)))
  // one binding only: a name bound to two PVs (or to something else too) could be either
  return names.size === 1 ? [...names][0] : undefined
}

/** The (PV name, value node) pairs a write call sets, where the PV name is written out. */
const settings = (call: CallSite, model: SemanticModel, root: Node): Array<readonly [string, Node | undefined]> => {
  const names = model.namesAt(call.function)
  if (names.some((n) => caputs.has(n))) {
    const pv = stringLiteral(call.positional[0] ?? call.keywords.get("pvname"), model)
    return pv === undefined ? [] : [[pv, call.positional[1] ?? call.keywords.get("value")]]
  }
  if (names.some((n) => caputMany.has(n))) {
    const pvs = call.positional[0] ?? call.keywords.get("pvlist")
    const values = call.positional[1] ?? call.keywords.get("values")
    if (pvs?.type !== "list" && pvs?.type !== "tuple") return []
    return pvs.children.flatMap((pv, i) => {
      const name = stringLiteral(pv, model)
      return name === undefined ? [] : [[name, values?.type === "list" || values?.type === "tuple" ? values.children[i] : undefined] as const]
    })
  }
  if (names.some((n) => pvPuts.has(n)) && call.function.type === "attribute") {
    const pv = pvName(call.function.children[0], model, root)
    return pv === undefined ? [] : [[pv, call.positional[0] ?? call.keywords.get("value")]]
  }
  return []
}

const magnetCurrentLimit = (setpoint: RegExp, maxAmps: number): Rule => ({
  code: "FAC001",
  name: "magnet-current-limit",
  category: "facility",
  severity: "error",
  doc: {
    whatItDoes: `Finds EPICS writes of a number above ${maxAmps} A to a magnet current setpoint (a PV matching ${setpoint.source}).`,
    whyIsThisBad: "A magnet driven above its rated current can trip its power supply or quench; the facility's limit is set by its magnet group.",
    example: 'from epics import caput\ncaput("SR:Q01:CURRENT_SP", 250)',
    useInstead: `Stay within ±${maxAmps} A, or ask the magnet group to raise the limit in the analyzer configuration.`
  },
  check: function* ({ model, root }: RuleContext): Generator<RuleHit> {
    const callAt = new Map(model.calls.map((call) => [call.node, call]))
    for (const write of model.writes) {
      const call = write.kind === "call" ? callAt.get(write.node) : undefined
      if (!call) continue
      for (const [pv, valueNode] of settings(call, model, root)) {
        const value = numberLiteral(valueNode, model)
        if (value === undefined || !setpoint.test(pv) || Math.abs(value) <= maxAmps) continue
        const side = value > 0 ? `above the facility limit of ${maxAmps} A` : `below the facility limit of -${maxAmps} A`
        yield { node: call.node, message: `sets ${pv} to ${value} A, ${side}` }
      }
    }
  }
})

export default definePlugin((options) => {
  const { maxAmps, pattern } = Schema.decodeUnknownSync(Options, { onExcessProperty: "error" })(options ?? {})
  return { name: "magnet-limits", rules: [magnetCurrentLimit(new RegExp(pattern), maxAmps)] }
})
