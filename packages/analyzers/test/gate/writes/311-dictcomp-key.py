# class: binding
# why: dict comprehension keys are dropped; iterating the dict yields caproto PVs
"""Setpoints keyed by caproto channel, built with a comprehension."""
from caproto.threading.client import Context

ctx = Context()
targets = {ch: 101.0 for ch in ctx.get_pvs("SR:C01:QF:CURRENT_SP")}
for ch in targets:
    ch.write([targets[ch]], wait=True)
