# class: callback
# why: re.sub replacement function writes each PV found in a template
"""Expand the setpoint file and push each line as we parse it."""
import re
from epics import PV

TEXT = """SR:C06:SF:CURRENT_SP = 180.5
SR:C06:SD:CURRENT_SP = -170.2
"""


def push(m):
    PV(m.group(1)).put(float(m.group(2)))
    return f"# applied {m.group(1)}"


log = re.sub(r"^(\S+)\s*=\s*(\S+)$", push, TEXT, flags=re.M)
print(log)
