# topic: orbit
# why: poll orbit feedback status and correction RMS in a reader thread via a queue and report duty cycle and saturation events
import queue
import threading
import time
from epics import caget

PVS = {
    "state": "SR-FOFB:Status-Sts",
    "rms_x": "SR-FOFB:ErrorRMS:X-Mon",
    "rms_y": "SR-FOFB:ErrorRMS:Y-Mon",
    "sat": "SR-FOFB:CorrSaturated-Mon",
}
samples = queue.Queue()
stop = threading.Event()

def reader(period=0.5):
    while not stop.is_set():
        row = {key: caget(name, timeout=1.0) for key, name in PVS.items()}
        row["t"] = time.time()
        samples.put(row)
        stop.wait(period)

worker = threading.Thread(target=reader, daemon=True)
worker.start()
time.sleep(300)
stop.set()
worker.join(timeout=5)

rows = []
while not samples.empty():
    rows.append(samples.get_nowait())

on = [r for r in rows if r["state"] == 1]
sat_events = sum(1 for a, b in zip(rows, rows[1:]) if not a["sat"] and b["sat"])
print(f"{len(rows)} samples; feedback on {len(on) / max(len(rows), 1):.1%} of the time")
if on:
    rx = [r["rms_x"] for r in on if r["rms_x"] is not None]
    ry = [r["rms_y"] for r in on if r["rms_y"] is not None]
    print(f"residual RMS while on: x {sum(rx) / len(rx):.3f} um, y {sum(ry) / len(ry):.3f} um")
    print(f"max residual: x {max(rx):.3f} um, y {max(ry):.3f} um")
print(f"corrector saturation onsets: {sat_events}")
