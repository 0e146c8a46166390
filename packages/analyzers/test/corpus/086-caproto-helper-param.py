# expect: epics-write
# why: caproto PV unpacked from get_pvs and written inside a helper taking it as a parameter
# tricky
from caproto.threading import client as ct

ctx = ct.Context()
(gain,) = ctx.get_pvs("SR:FOFB:GAIN")


def set_gain(pv, value):
    pv.write(value, wait=True)


set_gain(gain, 0.35)
