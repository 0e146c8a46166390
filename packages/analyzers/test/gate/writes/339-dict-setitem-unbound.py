# class: binding
# why: dict.__setitem__(d, k, pv) unbound form: d never holds the PV
"""Fill the map with dict.__setitem__."""
import epics

chans = {}
dict.__setitem__(chans, "qf", epics.PV("SR:C01:QF:CURRENT_SP"))
chans["qf"].put(101.0, wait=True)
