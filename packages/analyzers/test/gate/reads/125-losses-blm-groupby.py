# topic: losses
# why: aggregate beam loss monitor counts from a shift export by girder and machine mode to locate loss hot spots
import pandas as pd

blm = pd.read_csv("blm_counts_shift.csv", parse_dates=["time"])
layout = pd.read_csv("blm_layout.csv")  # blm_id, s_m, girder, cell

df = blm.merge(layout, on="blm_id", how="left")
df["mode"] = df["mode"].fillna("unknown")
df["counts_per_mA"] = df["counts"] / df["beam_current_mA"].clip(lower=1.0)

by_girder = (
    df.groupby(["mode", "cell", "girder"])
      .agg(mean_cpm=("counts_per_mA", "mean"), p95=("counts_per_mA", lambda s: s.quantile(0.95)),
           n=("counts", "size"), s_m=("s_m", "first"))
      .reset_index()
)
by_girder["rank"] = by_girder.groupby("mode")["mean_cpm"].rank(ascending=False)

for mode, grp in by_girder.groupby("mode"):
    print(f"\nmode = {mode}  ({grp['n'].sum()} samples)")
    print(grp.nsmallest(8, "rank")[["cell", "girder", "s_m", "mean_cpm", "p95"]].to_string(index=False))

injection = df[df["mode"] == "injection"].set_index("time")["counts"].resample("5min").sum()
print(f"\npeak 5-min injection loss sum: {injection.max():.0f} at {injection.idxmax()}")
