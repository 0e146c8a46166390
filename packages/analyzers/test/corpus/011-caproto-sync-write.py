# expect: epics-write
# why: caproto synchronous client write
from caproto.sync.client import read, write

resp = read("SR:BPM01:X")
print(resp.data)
write("SR:FOFB:ENABLE", 0, notify=True)
