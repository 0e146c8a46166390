# topic: tune
# why: read the last turn-by-turn buffers from the BPM IOCs (waveform caget) and compute the tune per BPM
import numpy as np
import epics

bpms = [f"SR:C{c:02d}:BPM1" for c in range(1, 25)]
n_turns = 2048
q_x = {}
for bpm in bpms:
    wf = epics.caget(f"{bpm}:TBT:X", count=n_turns, as_numpy=True, timeout=3.0)
    if wf is None or np.ptp(wf) < 5:
        continue  # no kick in the buffer or BPM not armed
    x = (wf - wf.mean()) * np.hanning(n_turns)
    spec = np.abs(np.fft.rfft(x, n=8 * n_turns))  # zero padding for finer bins
    freq = np.fft.rfftfreq(8 * n_turns)
    band = (freq > 0.05) & (freq < 0.45)
    q_x[bpm] = freq[band][np.argmax(spec[band])]

trig = epics.caget("SR:DIAG:TBT:LAST_TRIGGER", as_string=True)
print(f"buffers from trigger {trig}; {len(q_x)} of {len(bpms)} BPMs had an oscillation")
if q_x:
    vals = np.array(list(q_x.values()))
    print(f"Qx = {np.median(vals):.4f}, spread {vals.std():.4f}")
    for bpm, q in q_x.items():
        if abs(q - np.median(vals)) > 0.005:
            print(f"  {bpm}: {q:.4f} (inconsistent)")
