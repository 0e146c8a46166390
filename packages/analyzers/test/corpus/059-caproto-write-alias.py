# expect: epics-write
# why: caproto sync write imported under another name
# tricky
from caproto.sync.client import write as send

send("BL05:FE:SHUTTER:CMD", 0)
