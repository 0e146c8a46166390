# expect: epics-write
# why: pvapy Channel.putDouble
import pvaccess

ch = pvaccess.Channel("LINAC:KLY02:AMP_SP")
print(ch.get())
ch.putDouble(0.85)
