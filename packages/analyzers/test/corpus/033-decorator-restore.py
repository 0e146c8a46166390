# expect: epics-write
# why: decorator restores a PV after the wrapped function runs
# tricky
import epics


def restore(pv_name):
    def wrap(fn):
        def inner(*a, **kw):
            saved = epics.caget(pv_name)
            try:
                return fn(*a, **kw)
            finally:
                epics.caput(pv_name, saved)
        return inner
    return wrap


@restore("SR:FB:GAIN")
def measure():
    return epics.caget("SR:BPM01:X")


print(measure())
