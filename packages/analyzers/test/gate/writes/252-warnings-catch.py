# class: binding
# why: warnings.warn(W(pv)) caught with catch_warnings(record=True): w.message.args[0]
"""Collect warnings that carry channels and zero them."""
import warnings
import epics


class ChannelWarning(UserWarning):
    pass


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn(ChannelWarning(epics.PV("SR:C01:QF:CURRENT_SP")))
for w in caught:
    w.message.args[0].put(0.0, wait=True)
