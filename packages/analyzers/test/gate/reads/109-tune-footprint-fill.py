# topic: tune
# why: tune diagram of the working point during a fill (archived tunes), coloured by beam current, with low-order resonances
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

df = pd.read_csv("archiver_export.csv", parse_dates=["time"], usecols=["time", "SR:TUNE:QX", "SR:TUNE:QY", "SR:DCCT:CURRENT"])
df = df.set_index("time").resample("30s").mean().dropna()
qx, qy, cur = df["SR:TUNE:QX"] % 1, df["SR:TUNE:QY"] % 1, df["SR:DCCT:CURRENT"]
print(f"Qx {qx.min():.4f}..{qx.max():.4f}, Qy {qy.min():.4f}..{qy.max():.4f} over {len(df)} points")
print(f"tune shift with current: dQx/dI {np.polyfit(cur, qx, 1)[0] * 100:.2e} per 100 mA, dQy/dI {np.polyfit(cur, qy, 1)[0] * 100:.2e}")

fig, ax = plt.subplots(figsize=(6, 6))
lo_x, hi_x = qx.min() - 0.03, qx.max() + 0.03
lo_y, hi_y = qy.min() - 0.03, qy.max() + 0.03
grid = np.linspace(0, 1, 400)
for m in range(-4, 5):
    for n in range(-4, 5):
        if (m, n) == (0, 0) or abs(m) + abs(n) > 4 or n == 0:
            continue
        for p in range(-8, 9):
            ax.plot(grid, (p - m * grid) / n, color="gray", lw=0.3 * (5 - abs(m) - abs(n)))
sc = ax.scatter(qx, qy, c=cur, s=4, cmap="viridis")
ax.set_xlim(lo_x, hi_x)
ax.set_ylim(lo_y, hi_y)
ax.set_xlabel("Qx")
ax.set_ylabel("Qy")
fig.colorbar(sc, label="I [mA]")
fig.savefig("tune_diagram_fill.png", dpi=120)
