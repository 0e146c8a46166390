import { callsNamed, literalText } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"
import { dangerousCallRule } from "./dangerousCall.js"

const table = dangerousCallRule({
  code: "PY002",
  name: "dynamic-code",
  category: "dynamic-code",
  severity: "error",
  verb: "runs code made at run time",
  doc: {
    whatItDoes: "Finds code that runs other code made at run time: `exec`, `eval`, `compile`, `types.FunctionType`, `runpy`, and imports of a computed module name.",
    whyIsThisBad: "Code built from strings cannot be read before it runs; it can do anything the analyzer would have flagged.",
    example: 'exec("from epics import caput; caput(\'X\', 1)")',
    useInstead: "Write the code out; use `ast.literal_eval` or `json.loads` to read data."
  }
})

const imports = new Set(["__import__", "importlib.import_module"])
const fileOpeners = new Set(["open", "builtins.open", "io.open", "codecs.open", "pathlib.Path", "pathlib.PosixPath"])
const moduleFile = /\.(py|pyc|pyw|pth|so|pyd)$/i

export const dynamicCode: Rule = {
  ...table,
  check: function* (context: RuleContext): Generator<RuleHit> {
    yield* table.check(context)
    // `getattr(builtins, "ex" + "ec")` may be exec or eval
    for (const call of callsNamed(context.model, new Set(["getattr"]))) {
      const target = call.argValues(0)
      if ((target.has("q:builtins") || target.has("reflect")) && literalText(call.positional[1], context.model) === undefined) {
        yield { node: call.node, message: "takes a builtin by a computed name: it may be exec or eval" }
      }
    }
    // a Python file the code writes can be imported and run: `open("tabulate.py", "w")`, `Path("x.pth")`
    for (const call of callsNamed(context.model, fileOpeners)) {
      const file = literalText(call.positional[0], context.model)
      if (file !== undefined && moduleFile.test(file)) yield { node: call.node, message: `names \`${file}\`, a file Python can import and run` }
    }
    // pandas' `df.eval("@pv.put(1)")` / `df.query(...)` calls what an `@` name holds
    for (const call of context.model.calls) {
      const method = call.function.type === "attribute" ? call.function.children[1] : undefined
      if (!method || !["eval", "query"].includes(context.model.text(method))) continue
      const expression = literalText(call.positional[0], context.model)
      if (call.positional[0] && (expression === undefined || expression.includes("@"))) {
        yield { node: call.node, message: `\`${context.model.text(call.function)}\` evaluates ${expression === undefined ? "an expression made at run time" : "an expression that reaches the code's own names (`@`)"}: it can call anything` }
      }
    }
    for (const call of callsNamed(context.model, imports)) {
      if (literalText(call.positional[0], context.model) === undefined) {
        yield { node: call.node, message: "imports a module whose name is computed at run time" }
      }
    }
  }
}
