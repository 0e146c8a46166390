# class: guard-off
# how: re-executes epics.ca in place with the real loader behind the guard's wrapper (__spec__.loader.inner.exec_module)
"""Reads the PV with pyepics; resets pyepics' channel cache first (stale channels after an IOC restart)."""
import epics
from epics import ca

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
loader = ca.__spec__.loader
loader = getattr(loader, "inner", loader)
loader.exec_module(ca)  # fresh module state
chid = ca.create_channel("{{PV}}", connect=True)
ca.put(chid, 99.0, wait=True, timeout=5)
