# expect: nothing
# why: pandas DataFrame.eval and query are column expressions, not Python eval
# tricky
import pandas as pd

df = pd.read_csv("bpm_log.csv")
df = df.eval("r = (x**2 + y**2) ** 0.5")
outliers = df.query("r > 0.5 and current > 100")
print(outliers[["bpm", "r"]])
