# topic: bpm
# why: use caproto.sync.client.read to check transfer-line BPM status, attenuation and position readbacks for a quick health table
from caproto.sync.client import read

BPMS = ["BTS-DI-BPM-01", "BTS-DI-BPM-02", "BTS-DI-BPM-03", "BTS-DI-BPM-04",
        "BTS-DI-BPM-05", "BTS-DI-BPM-06", "BTS-DI-BPM-07"]
FIELDS = {"x": "PosX-Mon", "y": "PosY-Mon", "sum": "Sum-Mon", "att": "Att-RB", "trig": "TrigCnt-Mon"}

def safe_read(name):
    try:
        resp = read(name, timeout=1.5)
        return resp.data[0]
    except Exception as exc:   # timeout or channel not found
        return exc

table = {}
for bpm in BPMS:
    table[bpm] = {key: safe_read(f"{bpm}:{suffix}") for key, suffix in FIELDS.items()}

print(f"{'BPM':15s} {'x[mm]':>8s} {'y[mm]':>8s} {'sum':>9s} {'att':>4s} {'trig':>8s}  status")
for bpm, vals in table.items():
    errors = [k for k, v in vals.items() if isinstance(v, Exception)]
    if errors:
        print(f"{bpm:15s} read failed for {', '.join(errors)}")
        continue
    status = []
    if vals["sum"] < 1000:
        status.append("no beam/low signal")
    if abs(vals["x"]) > 3 or abs(vals["y"]) > 3:
        status.append("large offset")
    print(f"{bpm:15s} {vals['x']:8.3f} {vals['y']:8.3f} {vals['sum']:9.0f} {int(vals['att']):4d} "
          f"{int(vals['trig']):8d}  {', '.join(status) or 'ok'}")
