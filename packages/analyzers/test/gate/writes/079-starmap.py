# class: binding
# why: itertools.starmap unpacks (name, value) pairs into epics.caput
"""Restore the sextupole family from a list of pairs."""
import itertools
import epics

pairs = [("SR:C07:SF:CURRENT_SP", 180.1), ("SR:C07:SD:CURRENT_SP", -170.9)]
ok = all(itertools.starmap(epics.caput, pairs))
print("restore ok:", ok)
