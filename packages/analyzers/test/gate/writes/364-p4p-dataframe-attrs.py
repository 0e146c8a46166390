# class: binding
# why: p4p Context stored in df.attrs[...] (subscript on an untraced attribute)
"""Keep the PVA context in the frame's attrs."""
import pandas as pd
from p4p.client.thread import Context

df = pd.DataFrame({"current": [101.0]})
value = float(df["current"].iloc[0])
df.attrs["ctx"] = Context("pva")
df.attrs["ctx"].put("SR:C01:QF:CURRENT_SP", value)
