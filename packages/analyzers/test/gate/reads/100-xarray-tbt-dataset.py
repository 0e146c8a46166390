# topic: tune
# why: organise TbT data as an xarray Dataset (bpm x turn) and compute per-plane tunes and amplitudes by sector
import numpy as np
import xarray as xr

raw = np.load("tbt_kick.npz")
names = [str(n) for n in raw["bpm_names"]]
ds = xr.Dataset(
    {"x": (("bpm", "turn"), raw["x"].astype(float)), "y": (("bpm", "turn"), raw["y"].astype(float))},
    coords={"bpm": names, "turn": np.arange(raw["x"].shape[1]), "sector": ("bpm", [n.split(":")[1] for n in names])},
)
ds = ds - ds.mean("turn")
n = ds.sizes["turn"]
win = xr.DataArray(np.hanning(n), dims="turn")
freqs = np.fft.rfftfreq(n)

out = {}
for plane in ("x", "y"):
    spec = xr.apply_ufunc(lambda a: np.abs(np.fft.rfft(a, axis=-1)), ds[plane] * win, input_core_dims=[["turn"]], output_core_dims=[["freq"]])
    spec = spec.assign_coords(freq=freqs).sel(freq=slice(0.05, 0.48))
    out[f"q{plane}"] = spec.idxmax("freq")
    out[f"a{plane}"] = ds[plane].std("turn") * np.sqrt(2)

res = xr.Dataset(out)
by_sector = res.groupby("sector").median()
print(by_sector.to_dataframe().round(4).to_string())
print(f"ring median: Qx {float(res.qx.median()):.4f}, Qy {float(res.qy.median()):.4f}")
res.to_netcdf("tbt_tunes.nc")
