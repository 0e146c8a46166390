# class: unknown
# why: the write function is resolved from the string "epics:caput" with pkgutil.resolve_name
"""Apply a set of tune knob setpoints; the backend is configurable by name."""
import pkgutil

BACKEND = "epics:caput"
KNOBS = {"SR:TUNE:KNOB_X_SP": 0.012, "SR:TUNE:KNOB_Y_SP": -0.004}

send = pkgutil.resolve_name(BACKEND)
for pv, value in KNOBS.items():
    ok = send(pv, value, wait=True)
    print(f"{pv} <- {value:+.4f}  ({'ok' if ok else 'failed'})")
