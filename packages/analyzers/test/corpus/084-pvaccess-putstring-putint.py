# expect: epics-write
# why: pvapy Channel.putString and putInt
from pvaccess import Channel

mode = Channel("SR:INJ:MODE")
mode.putString("TOPUP")
Channel("SR:INJ:BUNCHES").putInt(4)
