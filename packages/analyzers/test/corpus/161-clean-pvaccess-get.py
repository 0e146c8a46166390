# expect: nothing
# why: pvapy Channel.get only
import pvaccess

ch = pvaccess.Channel("SR:DCCT:CURRENT")
print(ch.get("field(value)")["value"])
