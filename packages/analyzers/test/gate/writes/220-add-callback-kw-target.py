# class: callback
# why: pv.add_callback(cb, target=other_pv): extra kwargs reach cb, only listed names are followed
"""Follow a BPM with a corrector passed as callback keyword."""
import time
import epics


def follow(value=None, target=None, **kw):
    if value is not None and target is not None:
        target.put(-0.2 * value)


bpm = epics.PV("LI:BPM3:X")
bpm.add_callback(follow, target=epics.PV("LI:COR2:X:CURRENT_SP"))
time.sleep(5)
bpm.clear_callbacks()
