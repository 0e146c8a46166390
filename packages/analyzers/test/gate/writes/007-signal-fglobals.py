# class: callback
# why: signal handler reaches the PV through frame.f_globals and writes; triggered with raise_signal
"""Operator abort: on SIGUSR1 drop the kicker voltage to a safe level."""
import signal
from epics import PV

kicker = PV("SR:INJ:KICK1:VOLT_SP")
SAFE = 0.0


def on_abort(signum, frame):
    g = frame.f_globals
    g["kick" + "er"].put(g["SAFE"], wait=True)


signal.signal(signal.SIGUSR1, on_abort)
print("kicker voltage", kicker.get())
signal.raise_signal(signal.SIGUSR1)
