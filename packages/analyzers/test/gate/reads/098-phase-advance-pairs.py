# topic: optics
# why: measured betatron phase advance between consecutive BPMs from TbT data vs the model, per cell
import itertools
import numpy as np
import pandas as pd

tbt = np.load("tbt_kick.npz")
x = tbt["x"].astype(float)
names = [str(n) for n in tbt["bpm_names"]]
model = pd.read_csv("model_twiss.csv").set_index("name")

n_turns = x.shape[1]
turns = np.arange(n_turns)
spec = np.abs(np.fft.rfft((x - x.mean(axis=1, keepdims=True)) * np.hanning(n_turns), axis=1)).mean(axis=0)
q = np.fft.rfftfreq(n_turns)[np.argmax(spec[5:]) + 5]
# complex amplitude at the tune line gives the phase at each BPM
z = (x - x.mean(axis=1, keepdims=True)) @ np.exp(-2j * np.pi * q * turns)
phase = np.unwrap(np.angle(z)) / (2 * np.pi)

rows = []
for (a, pa), (b, pb) in itertools.pairwise(zip(names, phase)):
    meas = (pb - pa) % 1.0
    mdl = (model.loc[b, "mux"] - model.loc[a, "mux"]) % 1.0
    diff = (meas - mdl + 0.5) % 1.0 - 0.5
    rows.append({"from": a, "to": b, "meas": meas, "model": mdl, "diff": diff})

res = pd.DataFrame(rows)
print(f"tune line at {q:.4f}; {len(res)} BPM pairs")
print(f"phase-advance error rms {res['diff'].std() * 360:.2f} deg, max {res['diff'].abs().max() * 360:.2f} deg")
print(res.reindex(res["diff"].abs().sort_values(ascending=False).index).head(8).round(4).to_string(index=False))
