# class: binding
# why: threading.Thread subclass: library __init__ stores args in self._args
"""Thread subclass reading its own args."""
import threading
import epics


class Apply(threading.Thread):
    def run(self):
        ch, value = self._args
        ch.put(value, wait=True)


t = Apply(args=(epics.PV("SR:C01:QF:CURRENT_SP"), 101.0))
t.start()
t.join()
