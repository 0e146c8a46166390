# class: channel
# why: DataFrame.eval("@epics.caput(...)"): the write is text in a string
"""Evaluate a column expression (the expression also calls the setter)."""
import pandas as pd
import epics

df = pd.DataFrame({"current": [100.0, 101.0]})
print(df.eval("@epics.caput('SR:C01:QF:CURRENT_SP', 101.0, wait=True)"))
