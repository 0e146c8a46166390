# class: callback
# why: operator.methodcaller("put", 0) applied via map, drained with deque(maxlen=0)
"""Disable all the bunch-by-bunch feedback channels."""
import collections
import operator
from epics import PV

channels = [PV(f"SR:BBFB:{plane}:ENABLE_CMD") for plane in ("X", "Y", "Z")]
disable = operator.methodcaller("put", 0)
collections.deque(map(disable, channels), maxlen=0)
print([c.get() for c in channels])
