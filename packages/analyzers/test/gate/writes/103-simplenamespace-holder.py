# class: unknown
# why: PV objects are tucked into a types.SimpleNamespace and written through attribute access on it
"""Small config holder for the sextupole family, then apply the new setpoint."""
from types import SimpleNamespace
from epics import PV

cfg = SimpleNamespace(
    sf=PV("SR:C01:SF:CURRENT_SP"),
    sd=PV("SR:C01:SD:CURRENT_SP"),
    delta=0.3,
)

for label in ("sf", "sd"):
    chan = getattr(cfg, label)
    now = chan.get()
    print(label, now)

cfg.sf.put(cfg.sf.get() + cfg.delta)
print("sf updated")
