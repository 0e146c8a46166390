# class: unknown
# why: a function among SimpleNamespace(...) args makes the untracked result drop the PV and skip EPICS005
"""Config holder with a formatter and the channel."""
import types
import epics


def fmt(x):
    return f"{x:.3f}"


cfg = types.SimpleNamespace(ch=epics.PV("SR:C01:QF:CURRENT_SP"), fmt=fmt)
cfg.ch.put(101.0, wait=True)
print(cfg.fmt(101.0))
