# expect: epics-write
# why: caput stored as a class attribute and called through an instance
# tricky
import epics


class Backend:
    writer = staticmethod(epics.caput)
    reader = staticmethod(epics.caget)


b = Backend()
b.writer("SR:C12:VCM:SP", b.reader("SR:C12:VCM:SP") + 0.01)
