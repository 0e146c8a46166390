# class: binding
# why: dict(obj) with keys()/__getitem__ is obj itself; .values() yields it
"""A mapping class turned into a dict."""
import epics


class Bank:
    def keys(self):
        return ["SR:C01:QF:CURRENT_SP"]

    def __getitem__(self, name):
        return epics.PV(name)


for ch in dict(Bank()).values():
    ch.put(101.0, wait=True)
