# expect: nothing
# why: caproto sync read and threading read only
from caproto.sync.client import read
from caproto.threading.client import Context

print(read("SR:DCCT:CURRENT").data)
ctx = Context()
(x,) = ctx.get_pvs("SR:BPM01:X")
print(x.read().data)
