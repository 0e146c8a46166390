# class: channel
# why: DataFrame.eval("@ch.put(...)") calls a local PV's method from a string
"""Scale the column and apply the setpoint in one expression."""
import pandas as pd
import epics

ch = epics.PV("SR:C01:QF:CURRENT_SP")
ch.wait_for_connection()
df = pd.DataFrame({"current": [100.0, 101.0]})
print(df.eval("@ch.put(101.0, wait=True)"))
