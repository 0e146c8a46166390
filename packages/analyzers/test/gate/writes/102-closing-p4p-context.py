# class: unknown
# why: the p4p Context is wrapped in contextlib.closing(...), so `ctx` in the with-block is an unknown value whose put writes
"""Set the linac BPM3 attenuation over PV Access, closing the context cleanly."""
from contextlib import closing
from p4p.client.thread import Context

ATTEN_PV = "LI:BPM3:ATTEN_SP"
wanted_db = 12

with closing(Context("pva")) as ctx:
    before = ctx.get(ATTEN_PV)
    print("attenuation before:", before)
    ctx.put(ATTEN_PV, wanted_db)
    print("attenuation after:", ctx.get(ATTEN_PV))
