# topic: archiver
# why: open an archiver export as an xarray dataset and compute hourly means and daily ranges per channel
import xarray as xr
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

ds = xr.open_dataset("archiver_export.nc")
print(ds)

channels = [v for v in ds.data_vars if ds[v].dims == ("time",)]
hourly = ds[channels].resample(time="1h").mean()
daily_range = ds[channels].resample(time="1D").max() - ds[channels].resample(time="1D").min()

for ch in channels:
    da = ds[ch]
    units = da.attrs.get("units", "")
    print(f"{ch:<30} mean {float(da.mean()):12.4g} {units:<6} max daily range {float(daily_range[ch].max()):10.4g}")

n = len(channels)
fig, axes = plt.subplots(n, 1, figsize=(10, 2.2 * n), sharex=True, squeeze=False)
for ax, ch in zip(axes[:, 0], channels):
    hourly[ch].plot(ax=ax)
    ax.set_title(ch, fontsize=8)
fig.tight_layout()
fig.savefig("archiver_hourly.png")
ds.close()
