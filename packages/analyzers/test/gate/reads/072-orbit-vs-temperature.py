# topic: orbit
# why: horizontal orbit drift vs tunnel and water temperature with a multiple linear fit (scikit-learn)
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import cross_val_score

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").resample("10min").mean().dropna(how="all")
features = ["SR:TUNNEL:TEMP_AVG", "SR:WATER:SUPPLY_TEMP", "SR:HALL:AIR_TEMP"]
targets = [c for c in df.columns if c.endswith(":X") and ":BPM" in c]
df = df[features + targets].interpolate(limit=3).dropna()

X = df[features].to_numpy()
results = []
for t in targets:
    y = df[t].to_numpy()
    reg = LinearRegression().fit(X, y)
    r2 = cross_val_score(LinearRegression(), X, y, cv=5, scoring="r2").mean()
    results.append((t, r2, *reg.coef_))

res = pd.DataFrame(results, columns=["bpm", "cv_r2", "um_per_K_tunnel", "um_per_K_water", "um_per_K_air"])
res = res.sort_values("cv_r2", ascending=False)
print(res.head(15).round(2).to_string(index=False))
print(f"\nmedian cross-validated R^2: {res['cv_r2'].median():.2f}")
print(f"mean sensitivity to tunnel temperature: {np.mean(np.abs(res['um_per_K_tunnel'])):.1f} um/K")
