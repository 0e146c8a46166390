# class: callback
# why: json.loads object_hook writes each decoded setting
"""Load a saved machine snapshot from JSON and apply it."""
import json
import epics

SNAP = '[{"pv": "SR:C01:QF:CURRENT_SP", "value": 101.2}, {"pv": "SR:C01:QD:CURRENT_SP", "value": -98.1}]'


def apply(obj):
    if "pv" in obj:
        epics.caput(obj["pv"], obj["value"], wait=True)
    return obj


settings = json.loads(SNAP, object_hook=apply)
print("applied", len(settings), "settings")
