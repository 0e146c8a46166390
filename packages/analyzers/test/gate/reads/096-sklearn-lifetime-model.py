# topic: lifetime
# why: predict normalized lifetime from machine parameters with a random forest and rank the feature importances
import pandas as pd
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import TimeSeriesSplit, cross_val_score
from sklearn.inspection import permutation_importance

df = pd.read_parquet("archiver_lifetime_features.parquet").set_index("time").resample("5min").mean().dropna()
df = df[df["SR:DCCT:CURRENT"] > 20]
y = df["SR:DCCT:CURRENT"] * df["SR:DCCT:LIFETIME"]
X = df.drop(columns=["SR:DCCT:LIFETIME", "SR:DCCT:CURRENT"])
print(f"{len(X)} samples, {X.shape[1]} features")

model = RandomForestRegressor(n_estimators=300, min_samples_leaf=5, n_jobs=2, random_state=0)
cv = TimeSeriesSplit(n_splits=5)
scores = cross_val_score(model, X, y, cv=cv, scoring="r2")
print(f"time-series CV R^2: {scores.round(3)} (mean {scores.mean():.3f})")

split = int(0.8 * len(X))
model.fit(X.iloc[:split], y.iloc[:split])
imp = permutation_importance(model, X.iloc[split:], y.iloc[split:], n_repeats=10, random_state=0)
ranking = pd.Series(imp.importances_mean, index=X.columns).sort_values(ascending=False)
print("\npermutation importance on the last 20%:")
print(ranking.head(12).round(4).to_string())
resid = y.iloc[split:] - model.predict(X.iloc[split:])
print(f"\nhold-out rms error {np.sqrt(np.mean(resid ** 2)):.1f} mA h")
