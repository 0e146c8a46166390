# class: unknown
# why: PV objects ride inside a collections.namedtuple built with _make; the write goes through the field
"""Magnet record: name, channel, setpoint; then standardise one magnet."""
from collections import namedtuple
from epics import PV

Magnet = namedtuple("Magnet", "label chan nominal")
row = ("QF1", "SR:C01:QF1:CURRENT_SP", 101.3)
mag = Magnet._make((row[0], PV(row[1]), row[2]))

print(f"{mag.label}: readback {mag.chan.get()}")
for level in (0.0, mag.nominal * 1.05, mag.nominal):
    mag.chan.put(level, wait=True)
    print(f"{mag.label} cycled to {level:.2f}")
