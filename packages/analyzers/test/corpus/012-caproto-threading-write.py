# expect: epics-write
# why: caproto threading Context, PVs from get_pvs, then write
from caproto.threading.client import Context

ctx = Context()
sp, rb = ctx.get_pvs("SR:Q02:CURRENT_SP", "SR:Q02:CURRENT_RB")
print(rb.read().data)
sp.write([10.0], wait=True)
