# expect: epics-write
# why: custom mapping whose __setitem__ writes PVs
# tricky
import epics


class Machine:
    def __getitem__(self, name):
        return epics.caget(name)

    def __setitem__(self, name, value):
        epics.caput(name, value)


m = Machine()
m["SR:C14:VCM:SP"] = m["SR:C14:VCM:SP"] * 0.9
