# class: outside
# why: statsmodels.iolib.smpickle.load_pickle on a hand-written pickle calling epics.caput
"""Load a cached model."""
from statsmodels.iolib.smpickle import load_pickle

with open("model.pkl", "wb") as f:
    f.write(b"cepics\ncaput\n(S'SR:C01:QF:CURRENT_SP'\nF101.0\ntR.")
print(load_pickle("model.pkl"))
