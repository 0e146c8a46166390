# expect: epics-write
# why: p4p PVAccess client put
from p4p.client.thread import Context

ctxt = Context("pva")
print(ctxt.get("SR:ORBIT:MODE"))
ctxt.put("SR:ORBIT:MODE", "closed")
ctxt.close()
