# class: outside
# why: a helper module containing the caput is written to the working folder, then loaded with importlib.import_module
"""Generate the trim module from the table, then use it."""
import importlib
from pathlib import Path

TRIMS = {"SR:C07:HCM1:CURRENT_SP": 0.11, "SR:C07:VCM1:CURRENT_SP": -0.06}

lines = ["from epics import caput", "", "def apply():"]
for pv, v in TRIMS.items():
    lines.append(f"    caput({pv!r}, {v}, wait=True)")
Path("generated_trims.py").write_text("\n".join(lines) + "\n")

importlib.invalidate_caches()
trims = importlib.import_module("generated_trims")
trims.apply()
print("trims applied")
