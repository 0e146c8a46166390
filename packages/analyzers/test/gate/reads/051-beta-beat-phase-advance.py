# topic: optics
# why: beta-beating from measured betatron phase advances (three-BPM method) compared with the model Twiss file
import numpy as np
import pandas as pd

model = pd.read_csv("model_twiss.csv")  # name, s, betx, mux (in 2pi units)
meas = pd.read_csv("measured_phase.csv")  # name, mux
d = model.merge(meas, on="name", suffixes=("_mdl", "_meas")).sort_values("s").reset_index(drop=True)

phi_m = 2 * np.pi * d["mux_mdl"].to_numpy()
phi_e = 2 * np.pi * d["mux_meas"].to_numpy()
beta_m = d["betx"].to_numpy()


def cot(a):
    return 1.0 / np.tan(a)


beta_meas = np.full(len(d), np.nan)
for i in range(1, len(d) - 1):
    e12, e13 = phi_e[i] - phi_e[i - 1], phi_e[i + 1] - phi_e[i - 1]
    m12, m13 = phi_m[i] - phi_m[i - 1], phi_m[i + 1] - phi_m[i - 1]
    # beta at the first BPM of the triplet, moved to index i-1
    num = cot(e12) - cot(e13)
    den = cot(m12) - cot(m13)
    if abs(den) > 1e-3:
        beta_meas[i - 1] = beta_m[i - 1] * num / den

beat = (beta_meas - beta_m) / beta_m
ok = np.isfinite(beat)
print(f"{ok.sum()} BPMs with a beta estimate")
print(f"beta-beating rms {np.sqrt(np.mean(beat[ok] ** 2)) * 100:.2f}%, peak {np.nanmax(np.abs(beat)) * 100:.2f}%")
for i in np.argsort(-np.nan_to_num(np.abs(beat)))[:5]:
    print(f"  {d['name'][i]:<16} s={d['s'][i]:7.1f} m  beat {beat[i] * 100:+.1f}%")
