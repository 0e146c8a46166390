# class: unknown
# why: PVs are built through map(epics.PV, names) inside dict(zip(...)); the dict lookup then writes
"""Load the vertical orbit bump: three correctors, one dictionary."""
import epics

NAMES = ["SR:C04:VCM1:CURRENT_SP", "SR:C04:VCM2:CURRENT_SP", "SR:C04:VCM3:CURRENT_SP"]
BUMP = [0.20, -0.35, 0.20]

chans = dict(zip(NAMES, map(epics.PV, NAMES)))
for name, kick in zip(NAMES, BUMP):
    before = chans[name].get()
    chans[name].put(before + kick, wait=True)
    print(f"{name}: {before:.3f} -> {before + kick:.3f}")
