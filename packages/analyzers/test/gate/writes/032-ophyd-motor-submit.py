# class: callback
# why: ophyd EpicsMotor.move passed to executor.submit for both jaws
"""Open the slit jaws to the standard aperture in parallel."""
from concurrent.futures import ThreadPoolExecutor, wait
from ophyd import EpicsMotor

left = EpicsMotor("BL02:SLIT:LEFT", name="left")
right = EpicsMotor("BL02:SLIT:RIGHT", name="right")
for m in (left, right):
    m.wait_for_connection()

with ThreadPoolExecutor(2) as ex:
    futs = [ex.submit(m.move, pos) for m, pos in ((left, -2.5), (right, 2.5))]
    wait(futs)
print(left.position, right.position)
