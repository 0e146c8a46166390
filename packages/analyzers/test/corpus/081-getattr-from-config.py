# expect: epics-write, reflection
# why: epics function chosen by a name taken from configuration
# tricky
import json
import epics

cfg = json.loads('{"fn": "caput", "pv": "SR:Q14:CURRENT_SP", "value": 3.0}')
getattr(epics, cfg["fn"])(cfg["pv"], cfg["value"])
