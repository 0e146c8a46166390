# class: callback
# why: ExitStack.callback registers pv.put; it runs when the with block ends
"""Measure the tune with the sextupoles off, then restore them."""
import contextlib
import epics

sext = epics.PV("SR:C05:SF:CURRENT_SP")
tune = epics.PV("SR:TUNE:X")

with contextlib.ExitStack() as stack:
    saved = sext.get()
    stack.callback(sext.put, saved, wait=True)
    print("tune x =", tune.get())
print("sextupole restored to", saved)
