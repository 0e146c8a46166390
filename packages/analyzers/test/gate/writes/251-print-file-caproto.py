# class: channel
# why: print(..., file=caproto_pv) calls PV.write(text)
"""Print the report to the operator message PV."""
from caproto.threading.client import Context

ctx = Context()
(msg,) = ctx.get_pvs("SR:OPS:MSG")
print("beam dump requested", file=msg, end="")
