# class: unknown
# why: pandas Series of PVs: `.iloc[0]` is a container attribute, element lost
"""Channels in a pandas Series."""
import pandas as pd
import epics

s = pd.Series(index=["qf", "qd"], dtype=object)
s["qf"] = epics.PV("SR:C01:QF:CURRENT_SP")
s["qd"] = epics.PV("SR:C01:QD:CURRENT_SP")
s.iloc[0].put(101.0, wait=True)
