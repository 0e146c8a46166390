"""A pythonSoftIOC IOC for tests: EPICS base's own record processing, Channel Access server (rsrv) and,
through pvxslibs, PV Access server (qsrv). Where it listens comes from the EPICS_CAS_* / EPICS_PVAS_*
environment its parent gives it.

    python pyexec_test_ioc.py --prefix PREFIX:

Prints `ready` once the IOC serves its records; exits when stdin reaches end-of-file or on SIGTERM.
"""
import argparse
import os
import signal
import sys
import threading

from softioc import asyncio_dispatcher, builder, softioc

parser = argparse.ArgumentParser()
parser.add_argument("--prefix", required=True)
args = parser.parse_args()

dispatcher = asyncio_dispatcher.AsyncioDispatcher()
builder.SetDeviceName(args.prefix.rstrip(":"))

readback = builder.aIn(
    "READBACK", initial_value=1.5, EGU="mA", PREC=3, LOPR=0, HOPR=10,
    HIHI=8, HIGH=1, LOW=-1, LOLO=-8, HHSV="MAJOR", HSV="MINOR", LSV="MINOR", LLSV="MAJOR",
)
builder.aOut(
    "SETPOINT", initial_value=1.5, EGU="mA", PREC=3, DRVL=0, DRVH=10, LOPR=0, HOPR=10,
    on_update=lambda value: readback.set(value), always_update=True,
)
builder.longOut("COUNT", initial_value=7, DRVL=0, DRVH=1000, EGU="counts")
builder.stringOut("NAME", initial_value="hello")
builder.mbbOut("MODE", "Off", "On", "Standby", initial_value=1)
builder.WaveformOut("WAVE", [0.5 * i for i in range(10)], length=10)
builder.longStringOut("NOTE", initial_value="a note longer than forty characters, to need a char array", length=200)

builder.LoadDatabase()
softioc.iocInit(dispatcher)
print("ready", flush=True)


def end(*_):
    os._exit(0)


signal.signal(signal.SIGTERM, end)
# A daemon thread waits for end-of-file on stdin, so the IOC dies with its parent.
threading.Thread(target=lambda: (sys.stdin.read(), end()), daemon=True).start()
threading.Event().wait()
