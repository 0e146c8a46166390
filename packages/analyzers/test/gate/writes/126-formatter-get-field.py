# class: unknown
# why: string.Formatter().get_field("0.put", ...) resolves the bound write method from a format field
"""Template-driven actions on the booster tune knobs."""
import string
from epics import PV

knob = PV("BR:TUNE:QX_KNOB_SP")
fmt = string.Formatter()

print(fmt.format("{0.pvname} = {0.value}", knob))
method, _ = fmt.get_field("0.put", (knob,), {})
method(0.215, wait=True)
print(fmt.format("{0.pvname} now {0.value}", knob))
