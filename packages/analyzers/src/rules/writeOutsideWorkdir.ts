import { calleeNames, literalText } from "../internal/calls.js"
import * as Lib from "../internal/libraries.js"
import type { CallSite } from "../internal/model.js"
import type { Node } from "../internal/syntaxTree.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"

const outside = Lib.isOutsidePath

const writingName = /^(write|write_text|write_bytes|touch|mkdir|makedirs|save|savez|savetxt|savefig|save_fig|dump|to_[a-z_]+|copy|copy2|copyfile|copytree|move|rename|replace|symlink|link|symlink_to|hardlink_to)$/

/** What follows the last dot of a name (all of it when it has none). */
const afterLastDot = (name: string) => name.slice(name.lastIndexOf(".") + 1)

/** `afterLastDot` of a node's source text, without copying the text out first (a callee can be a long chain). */
const lastPartOf = (node: Node, source: string) => {
  let i = node.end - 1
  while (i >= node.start && source.charCodeAt(i) !== 46) i--
  return source.slice(i + 1, node.end)
}

/** Whether an `open` call's mode (positional at `index`, or `mode=`) writes. */
const opensForWriting = (call: CallSite, index: number, ctx: RuleContext) => {
  const mode = call.keywords.get("mode") ?? call.positional[index]
  const text = mode ? literalText(mode, ctx.model) : undefined
  return text !== undefined && /[wax+]/.test(text)
}

const check = function* (ctx: RuleContext): Generator<RuleHit> {
  const { model } = ctx
  for (const call of model.calls) {
    const names = calleeNames(call)
    const last = names[0] !== undefined ? afterLastDot(names[0]) : lastPartOf(call.function, model.source)
    const isOpen = names.some((n) => n === "open" || n === "io.open" || n === "codecs.open" || n === "builtins.open")
    const writes = writingName.test(last)
    // the rest finds paths only for these
    if (!isOpen && !writes && last !== "open") continue
    // `Path("/etc/x").write_text(...)`: the path is the receiver
    const receiver = call.function.type === "attribute" ? call.function.children[0] : undefined
    const receiverPath = receiver?.type === "call" ? literalText(receiver.children[1]?.children[0], model) : undefined
    const candidates = isOpen ? (opensForWriting(call, 1, ctx) ? [call.positional[0]] : []) : writes ? [...call.positional.slice(0, 2), call.keywords.get("dst"), call.keywords.get("fname")] : []
    const paths = candidates.map((n) => literalText(n, model)).filter((p): p is string => p !== undefined)
    if (receiverPath !== undefined && writes) paths.push(receiverPath)
    if (receiverPath !== undefined && last === "open" && opensForWriting(call, 0, ctx)) paths.push(receiverPath)
    // a Path value the model knows leaves the folder: `out = Path("..") / "x"; out.write_text(...)`
    if (writes && names.some((n) => n.startsWith(`${Lib.outsidePath}.`))) paths.push("a path outside the folder")
    const target = paths.find((p) => outside(p) || p === "a path outside the folder")
    if (target !== undefined) yield { node: call.node, message: `writes to ${target}, outside the run's working folder` }
  }
}

export const writeOutsideWorkdir: Rule = {
  code: "PY004",
  name: "write-outside-workdir",
  category: "file-write-outside",
  severity: "error",
  doc: {
    whatItDoes: "Finds writes to paths outside the run's working folder: absolute paths, `~`, or paths that climb out with `..`, through `open(..., 'w')`, `Path.write_text`, `shutil.copy`, `savefig`, `to_csv` and the like.",
    whyIsThisBad: "A run owns its folder. Writing elsewhere can overwrite configuration, other runs' results, or files the machine depends on.",
    example: 'open("/etc/epics/gateway.pvlist", "w").write("...")',
    useInstead: "Write relative paths: the run's folder is the working directory, and its files are kept with the run."
  },
  check
}
