# class: outside
# why: a caput line assembled as text runs through exec imported under another name from builtins
"""Replay a logged operator command from the e-log entry."""
from builtins import exec as replay

ELOG_ENTRY = {
    "author": "ops",
    "action": "caput",
    "pv": "SR:C01:QF:CURRENT_SP",
    "value": 101.4,
}

line = "from epics import {action}\n{action}({pv!r}, {value!r}, wait=True)".format(**ELOG_ENTRY)
print("replaying:\n" + line)
replay(line, {})
print("replayed")
