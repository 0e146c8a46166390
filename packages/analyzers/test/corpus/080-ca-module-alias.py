# expect: epics-write
# why: epics.ca imported under an alias, put called on a channel
# tricky
from epics import ca as channel_access

chid = channel_access.create_channel("SR:RF:MASTER:FREQ_SP")
channel_access.connect_channel(chid)
channel_access.put(chid, 499.654e6, wait=True)
