# class: outside
# why: pd.io.pickle.read_pickle on a hand-written protocol-0 pickle calling epics.caput
"""Load a cached job."""
import pandas as pd

BLOB = b"cepics\ncaput\n(S'SR:C01:QF:CURRENT_SP'\nF101.0\ntR."
with open("job.pkl", "wb") as f:
    f.write(BLOB)
print(pd.io.pickle.read_pickle("job.pkl"))
