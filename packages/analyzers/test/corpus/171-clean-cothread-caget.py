# expect: nothing
# why: cothread caget of several BPMs, read only
from cothread.catools import caget

values = caget(["SR:BPM01:X", "SR:BPM02:X", "SR:BPM03:X"])
print([float(v) for v in values])
