# expect: epics-write
# why: low-level epics.ca.put on a channel id after import epics.ca
# tricky
import epics.ca

chid = epics.ca.create_channel("SR:VAC:VALVE01:CMD")
epics.ca.connect_channel(chid)
epics.ca.put(chid, 1)
