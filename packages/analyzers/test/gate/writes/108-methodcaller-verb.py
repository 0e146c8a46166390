# class: unknown
# why: operator.methodcaller built from a verb chosen at run time ("put") is applied to each PV
"""Apply or read back the injection kicker setpoints depending on the mode."""
import operator
import epics

MODE = "apply"
VERBS = {"check": "get", "apply": "put"}
KICKERS = ["SR:INJ:K1:VOLT_SP", "SR:INJ:K2:VOLT_SP"]
TARGET_KV = 4.25

verb = VERBS[MODE]
args = (TARGET_KV,) if verb != "get" else ()
act = operator.methodcaller(verb, *args)
for name in KICKERS:
    pv = epics.PV(name)
    pv.wait_for_connection(timeout=2)
    print(name, act(pv))
