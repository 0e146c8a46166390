# expect: epics-write
# why: caput_many writes many PVs at once
import epics

names = [f"SR:C{i:02d}:VCM:SP" for i in range(1, 13)]
epics.caput_many(names, [0.0] * len(names), wait="all")
