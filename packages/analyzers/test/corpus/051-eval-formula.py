# expect: epics-write, dynamic-code
# why: eval of formulas read from a config file (must fail closed)
# tricky
import json
import numpy as np

with open("knobs.json") as f:
    knobs = json.load(f)
for name, formula in knobs.items():
    print(name, eval(formula, {"np": np}))
