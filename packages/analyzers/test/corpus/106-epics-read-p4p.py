# expect: epics-read
# why: p4p Context.get only
from p4p.client.thread import Context

ctxt = Context("pva")
orbit = ctxt.get("SR:ORBIT:X")
print(len(orbit))
ctxt.close()
