# topic: magnets
# why: read all quadrupole power-supply readbacks in parallel and compare with the nominal table
from concurrent.futures import ThreadPoolExecutor
import csv
from epics import PV

nominal = {}
with open("quad_nominal.csv", newline="") as f:
    for row in csv.DictReader(f):
        nominal[row["pv"]] = float(row["current_A"])


def read_one(name):
    pv = PV(name, connection_timeout=2.0)
    return name, pv.get(timeout=2.0)


with ThreadPoolExecutor(max_workers=8) as pool:
    readings = dict(pool.map(read_one, nominal))

print(f"{'PV':<26}{'nominal':>10}{'read':>10}{'diff %':>9}")
off = 0
for name, nom in nominal.items():
    val = readings.get(name)
    if val is None:
        print(f"{name:<26}{nom:10.3f}{'--':>10}")
        continue
    rel = (val - nom) / nom * 100 if nom else 0.0
    mark = " *" if abs(rel) > 0.1 else ""
    off += bool(mark)
    print(f"{name:<26}{nom:10.3f}{val:10.3f}{rel:9.3f}{mark}")
print(f"{off} supplies deviate more than 0.1% from nominal")
