# class: guard-off
# how: importlib.reload(epics.ca), epics.pv and epics, hoping for unpatched functions (stopped today: the hook re-patches on reload)
"""Reads the PV; reloads pyepics first so it picks up the EPICS_CA_* settings of this run."""
import importlib

import epics
import epics.ca
import epics.pv

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
for module in (epics.ca, epics.pv, epics):
    importlib.reload(module)
epics.caput("{{PV}}", 99.0, wait=True, timeout=5)
