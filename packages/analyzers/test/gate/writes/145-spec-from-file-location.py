# class: outside
# why: a generated file is loaded and run with importlib.util.spec_from_file_location + exec_module
"""Load a step file and execute it as a module."""
import importlib.util
from pathlib import Path

step = Path("step_017.py")
step.write_text(
    "import epics\n"
    "pv = epics.PV('SR:C11:SD:CURRENT_SP')\n"
    "pv.put(pv.get() + 1.5, wait=True)\n"
)

spec = importlib.util.spec_from_file_location("step_017", step)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print("step 17 executed")
