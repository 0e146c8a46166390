# class: unknown
# why: the write is pulled out of another function's __globals__ dict
"""Set the feedback loop gain; lookups through the module helper table."""
from epics import caput as _set, caget as _get  # noqa: F401

GAIN_PV = "SR:FOFB:GAIN_SP"


def helpers():
    """Returns the module namespace helpers live in."""
    return None


table = helpers.__globals__
print("gain now:", table["_get"](GAIN_PV))
table["_set"](GAIN_PV, 0.35, wait=True)
print("gain set to 0.35")
