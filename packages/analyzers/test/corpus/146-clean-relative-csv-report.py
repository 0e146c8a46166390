# expect: nothing
# why: csv writer to a relative report file; EPICS used only for reads
# tricky
import csv
import epics

names = [f"SR:BPM{i:02d}:X" for i in range(1, 13)]
with open("report.csv", "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["pv", "value"])
    for n in names:
        writer.writerow([n, epics.caget(n)])
