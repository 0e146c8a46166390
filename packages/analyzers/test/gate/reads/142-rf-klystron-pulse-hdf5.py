# topic: rf
# why: analyse saved linac klystron forward-power pulse waveforms from HDF5: flat-top amplitude, width and pulse-to-pulse stability
import h5py
import numpy as np
import pandas as pd

def flattop_stats(wf, dt_ns):
    peak = wf.max()
    above = np.where(wf > 0.5 * peak)[0]
    if len(above) < 10:
        return None
    fwhm = (above[-1] - above[0]) * dt_ns
    core = wf[above[0] + len(above) // 5: above[-1] - len(above) // 5]
    return {"peak_MW": peak, "fwhm_ns": fwhm, "flattop_MW": core.mean(),
            "droop_pct": 100 * (core[:10].mean() - core[-10:].mean()) / core.mean(),
            "ripple_pct": 100 * core.std() / core.mean()}

records = []
with h5py.File("klystron_pulses_run117.h5", "r") as f:
    dt_ns = f.attrs["sample_period_ns"]
    for station in f["stations"]:
        wfs = f["stations"][station]["fwd_power"][...]   # (n_pulses, n_samples)
        cal = f["stations"][station].attrs.get("cal_MW_per_count", 1.0)
        for k, wf in enumerate(wfs * cal):
            st = flattop_stats(wf, dt_ns)
            if st:
                records.append({"station": station, "pulse": k, **st})

df = pd.DataFrame(records)
summary = df.groupby("station").agg(
    pulses=("pulse", "count"),
    flattop_MW=("flattop_MW", "mean"),
    amp_jitter_pct=("flattop_MW", lambda s: 100 * s.std() / s.mean()),
    fwhm_ns=("fwhm_ns", "median"),
    droop_pct=("droop_pct", "median"),
    ripple_pct=("ripple_pct", "median"),
)
print(summary.round(3).to_string())
print("\nstations with amplitude jitter > 0.1%:",
      list(summary.index[summary["amp_jitter_pct"] > 0.1]))
