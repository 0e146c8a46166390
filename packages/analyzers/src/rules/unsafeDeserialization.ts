import * as Lib from "../internal/libraries.js"
import { callsNamed, calleeNames } from "../internal/calls.js"
import type { Rule, RuleContext, RuleHit } from "../Rule.js"
import { dangerousCallRule } from "./dangerousCall.js"

const table = dangerousCallRule({
  code: "PY006",
  name: "unsafe-deserialization",
  category: "deserialization",
  severity: "error",
  verb: "loads data in a format that can run code",
  doc: {
    whatItDoes: "Finds loads of formats that run code while loading: `pickle`, `marshal`, `shelve`, `dill`, `joblib`, `pandas.read_pickle`, `yaml.load` without a safe loader, `numpy.load(allow_pickle=True)`.",
    whyIsThisBad: "Loading a pickle runs whatever the file says: a crafted file is arbitrary code.",
    example: "import yaml\nconfig = yaml.load(open('settings.yml'))",
    useInstead: "`yaml.safe_load`, `json.load`, `numpy.load` without pickles, CSV or HDF5."
  }
})

const yamlLoads = new Set(["yaml.load", "yaml.load_all"])

export const unsafeDeserialization: Rule = {
  ...table,
  check: function* (context: RuleContext): Generator<RuleHit> {
    const { model } = context
    yield* table.check(context)
    for (const call of callsNamed(model, yamlLoads)) {
      const loader = call.keywords.get("Loader") ?? call.positional[1]
      // by what the Loader is, not how it is written: `ns.SafeLoader` may be any loader
      const loaders = loader ? model.namesAt(loader) : []
      const safe = loaders.length > 0 && loaders.every((name) => Lib.safeYamlLoaders.has(name))
      if (!safe) yield { node: call.node, message: "`yaml.load` without a safe Loader can build arbitrary objects: use `yaml.safe_load`" }
    }
    for (const call of model.calls) {
      if (!calleeNames(call).some((n) => n === "numpy.load")) continue
      const allow = call.keywords.get("allow_pickle")
      if (allow && model.text(allow) !== "False") yield { node: call.node, message: "`numpy.load(allow_pickle=True)` loads pickles, which can run code" }
    }
  }
}
