# topic: archiver
# why: find gaps and frozen values in archived channels (possible IOC or archiver outages) from a CSV export
import pandas as pd

df = pd.read_csv("archiver_export.csv", parse_dates=["time"]).set_index("time").sort_index()
expected = pd.Timedelta("2s")

print(f"{len(df.columns)} channels, {df.index[0]} .. {df.index[-1]}")
report = []
for col in df.columns:
    s = df[col].dropna()
    if s.empty:
        report.append((col, "no data", 0, pd.Timedelta(0)))
        continue
    dt = s.index.to_series().diff()
    gaps = dt[dt > 30 * expected]
    # frozen: identical value for more than an hour while other channels change
    run_id = (s != s.shift()).cumsum()
    runs = s.groupby(run_id).apply(lambda r: r.index[-1] - r.index[0])
    longest_frozen = runs.max()
    report.append((col, "ok" if gaps.empty else "gaps", len(gaps), longest_frozen))
    for t, d in gaps.nlargest(3).items():
        print(f"  {col}: gap of {d} ending {t}")

print(f"\n{'channel':<34}{'state':<8}{'#gaps':>6}  longest frozen")
for col, state, n, frozen in report:
    print(f"{col:<34}{state:<8}{n:6d}  {frozen}")
