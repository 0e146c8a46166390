# class: unknown
# why: a JSON procedure names operations; a dispatch table keyed by function __name__ turns "caput" into the write
"""Run a small JSON procedure: read, then set, the linac phase."""
import json
import epics

PROCEDURE = """
[{"op": "caget", "args": ["LI:K02:PHASE_SP"]},
 {"op": "caput", "args": ["LI:K02:PHASE_SP", -18.5]},
 {"op": "caget", "args": ["LI:K02:PHASE_SP"]}]
"""

ops = {fn.__name__: fn for fn in (epics.caget, epics.caput, print)}
for step in json.loads(PROCEDURE):
    result = ops[step["op"]](*step["args"])
    print(step["op"], step["args"], "->", result)
