# class: binding
# why: dict subclass built with Settings(qf=pv); self['qf'] in a method is lost
"""Settings mapping subclass applying its own items."""
import epics


class Settings(dict):
    def apply(self, value):
        self["qf"].put(value, wait=True)


Settings(qf=epics.PV("SR:C01:QF:CURRENT_SP")).apply(101.0)
