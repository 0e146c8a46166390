# class: binding
# why: functools.wraps decorator whose wrapper writes a "busy" flag PV before calling the function
"""Mark the machine busy while the script measures the lattice."""
import functools
from epics import PV

busy = PV("SR:OPS:BUSY_FLAG")


def marks_busy(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        busy.value = 1
        return fn(*args, **kwargs)
    return inner


@marks_busy
def read_tunes():
    return PV("SR:TUNE:X").get(), PV("SR:TUNE:Y").get()


print(read_tunes())
