# topic: tune
# why: compute linear and quadratic chromaticity from a netCDF chromaticity measurement with xarray and numpy polyfit
import numpy as np
import xarray as xr

ds = xr.open_dataset("chromaticity_meas_2024-06-02.nc")
# dims: step, repeat ; vars: f_rf(step), qx(step, repeat), qy(step, repeat)
alpha_c = float(ds.attrs.get("momentum_compaction", 3.0e-4))
f0 = float(ds["f_rf"].isel(step=ds.sizes["step"] // 2))

delta = -(ds["f_rf"] - f0) / f0 / alpha_c
tunes = ds[["qx", "qy"]].mean("repeat")
spread = ds[["qx", "qy"]].std("repeat")

for var in ("qx", "qy"):
    q = tunes[var].values
    w = 1.0 / np.maximum(spread[var].values, 1e-5)
    c2, c1, c0 = np.polyfit(delta.values, q, 2, w=w)
    lin = np.polyfit(delta.values, q, 1, w=w)[0]
    print(f"{var}: Q0 = {c0:.4f}, xi (linear fit) = {lin:.2f}, "
          f"xi1 = {c1:.2f}, xi2 = {c2:.1f}  (natural-units)")

print(f"delta range: {float(delta.min()) * 1e3:.2f} .. {float(delta.max()) * 1e3:.2f} permille, "
      f"{ds.sizes['step']} steps x {ds.sizes['repeat']} repeats")
coupled = (abs(tunes["qx"] - tunes["qy"]) < 0.01).any().item()
if coupled:
    print("warning: tunes approach each other during the scan, coupling may bias the fit")
