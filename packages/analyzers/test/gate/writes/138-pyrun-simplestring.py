# class: outside
# why: the source with the caput goes to the C API through ctypes.pythonapi.PyRun_SimpleString
"""Quick setpoint change run through the embedded interpreter."""
import ctypes

pv = "SR:C05:QD:CURRENT_SP"
amps = 97.25
snippet = f"import epics\nepics.caput({pv!r}, {amps}, wait=True)\n"

rc = ctypes.pythonapi.PyRun_SimpleString(snippet.encode())
print("rc", rc, "-", pv, "set to", amps)
