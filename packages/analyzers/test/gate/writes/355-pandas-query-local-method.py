# class: channel
# why: DataFrame.query("... @sp.put(...)") calls a local PV's method from a string
"""Filter rows below the applied setpoint."""
import pandas as pd
import epics

sp = epics.PV("SR:C01:QF:CURRENT_SP")
sp.wait_for_connection()
df = pd.DataFrame({"current": [100.0, 101.0]})
print(df.query("current < @sp.put(101.0, wait=True)", engine="python"))
