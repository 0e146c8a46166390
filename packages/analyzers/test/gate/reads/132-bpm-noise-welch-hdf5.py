# topic: bpm
# why: compute Welch power spectra of fast-acquisition BPM data from HDF5 and integrate noise in bands to rank noisy BPMs
import h5py
import numpy as np
from scipy import signal

FS = 10072.0   # FA rate in Hz
BANDS = [(0.1, 1.0), (1.0, 50.0), (50.0, 100.0), (100.0, 1000.0)]

with h5py.File("fa_archive_snapshot.h5", "r") as h5:
    grp = h5["fa"]
    names = list(grp.keys())
    noise = {}
    for name in names:
        x = grp[name]["x"][:].astype(np.float64) * 1e-3   # nm -> um
        y = grp[name]["y"][:].astype(np.float64) * 1e-3
        entry = {}
        for plane, sig in (("x", x), ("y", y)):
            f, pxx = signal.welch(signal.detrend(sig), fs=FS, nperseg=8192, window="hann")
            for lo, hi in BANDS:
                sel = (f >= lo) & (f < hi)
                entry[(plane, lo, hi)] = np.sqrt(np.trapz(pxx[sel], f[sel]))
        noise[name] = entry

for plane in ("x", "y"):
    print(f"\nPlane {plane}: integrated noise [um rms]")
    header = "  ".join(f"{lo:g}-{hi:g}Hz".rjust(11) for lo, hi in BANDS)
    print(f"{'BPM':24s}{header}")
    ranked = sorted(noise, key=lambda n: -noise[n][(plane, 1.0, 50.0)])
    for name in ranked[:10]:
        row = "  ".join(f"{noise[name][(plane, lo, hi)]:11.3f}" for lo, hi in BANDS)
        print(f"{name:24s}{row}")
    med = np.median([noise[n][(plane, 1.0, 50.0)] for n in names])
    print(f"median 1-50 Hz noise: {med:.3f} um")
