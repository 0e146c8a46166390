# expect: epics-write
# why: caproto client with a pyepics fallback on ImportError; either branch writes
# tricky
try:
    from caproto.threading.client import Context

    def set_pv(name, value):
        (pv,) = Context().get_pvs(name)
        pv.write([value], wait=True)
except ImportError:
    from epics import caput as set_pv

set_pv("SR:C11:VCM:SP", 0.03)
