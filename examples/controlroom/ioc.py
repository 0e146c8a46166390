"""A small storage ring to try pyexec on: a pythonSoftIOC IOC (EPICS base's records, its Channel Access server
and, through pvxslibs, its PV Access server) with a simulated machine behind it.

    python examples/controlroom/ioc.py [--prefix SR:]

`scripts/controlroom start` runs it in the background on ports of its own. Where it listens comes from the
EPICS_CAS_* / EPICS_PVAS_* environment. Its PVs, each PREFIX + name:

    DCCT:CURRENT         ai, mA     stored beam current, 1 Hz; decays with the lifetime, refilled in Injection mode
    DCCT:LIFETIME        ai, h      beam lifetime
    DCCT:HISTORY         waveform   the beam current of the last hour, one sample every 10 s, oldest first (mA)
    MODE                 mbbo       Shutdown / Injection / User beam / Machine dev (User beam)
    Q01..Q04:CURRENT_SP  ao, A      quadrupole power supply setpoints (0..200)
    Q01..Q04:CURRENT_RB  ai, A      their readbacks: follow the setpoint at 20 A/s, with a little noise
    RF:VOLTAGE_SP        ao, MV     RF cavity voltage setpoint (0..3)
    RF:VOLTAGE_RB        ai, MV     its readback
    VAC:G01:PRESSURE     ai, mbar   a vacuum gauge; the pressure rises with the beam current
    VAC:GV01:OPEN        bo         a sector gate valve: Open (1) or Closed (0)
    BPM:X, BPM:Y         waveform   closed orbit at the 40 beam position monitors (mm); Q01 away from its
                                    nominal 10 A distorts the horizontal orbit
    BPM:S                waveform   the BPMs' positions along the ring (m)

Prints `ready` once it serves; ends on SIGTERM or SIGINT.
"""
import argparse
import asyncio
import math
import os
import signal
import threading

import numpy as np
from softioc import asyncio_dispatcher, builder, softioc

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--prefix", default="SR:", help="prepended to every PV name (default: SR:)")
args = parser.parse_args()

CIRCUMFERENCE_M = 288.0
N_BPM = 40
HISTORY_SAMPLES = 360
HISTORY_PERIOD_S = 10
NOMINAL_CURRENT_MA = 300.0
LIFETIME_H = 9.5
QUADS = {"Q01": 10.0, "Q02": 8.5, "Q03": 12.0, "Q04": 11.25}  # nominal setpoints, A
RAMP_A_PER_S = 20.0
MODES = ["Shutdown", "Injection", "User beam", "Machine dev"]
SHUTDOWN, INJECTION = 0, 1

rng = np.random.default_rng()
dispatcher = asyncio_dispatcher.AsyncioDispatcher()
builder.SetSeparator("")
if args.prefix:
    builder.SetPrefix(args.prefix)

# Beam current: the fill started an hour ago, so the history is full from the start.
tau_s = LIFETIME_H * 3600
past = NOMINAL_CURRENT_MA * np.exp(-np.arange(HISTORY_SAMPLES) * HISTORY_PERIOD_S / tau_s) + rng.normal(0, 0.05, HISTORY_SAMPLES)
history = list(past)
current = builder.aIn("DCCT:CURRENT", initial_value=history[-1], EGU="mA", PREC=3, LOPR=0, HOPR=500, LOW=100, LOLO=20, LSV="MINOR", LLSV="MAJOR")
lifetime = builder.aIn("DCCT:LIFETIME", initial_value=LIFETIME_H, EGU="h", PREC=2, LOPR=0, HOPR=50)
history_pv = builder.WaveformIn("DCCT:HISTORY", np.array(history), EGU="mA", PREC=3)
mode = builder.mbbOut("MODE", *MODES, initial_value=2)

readbacks, setpoints = {}, {}
for quad, amps in QUADS.items():
    readbacks[quad] = builder.aIn(f"{quad}:CURRENT_RB", initial_value=amps, EGU="A", PREC=3, LOPR=0, HOPR=200)
    setpoints[quad] = builder.aOut(f"{quad}:CURRENT_SP", initial_value=amps, EGU="A", PREC=3, DRVL=0, DRVH=200, LOPR=0, HOPR=200)

rf_readback = builder.aIn("RF:VOLTAGE_RB", initial_value=2.0, EGU="MV", PREC=3, LOPR=0, HOPR=3)
builder.aOut("RF:VOLTAGE_SP", initial_value=2.0, EGU="MV", PREC=3, DRVL=0, DRVH=3, LOPR=0, HOPR=3,
             on_update=lambda value: rf_readback.set(value), always_update=True)

builder.boolOut("VAC:GV01:OPEN", ZNAM="Closed", ONAM="Open", initial_value=1)
pressure = builder.aIn("VAC:G01:PRESSURE", initial_value=2.5e-10, EGU="mbar", PREC=2, HIGH=1e-8, HIHI=1e-7, HSV="MINOR", HHSV="MAJOR")

s = np.arange(N_BPM) * CIRCUMFERENCE_M / N_BPM
phase = 2 * np.pi * s / CIRCUMFERENCE_M
design_x = 0.05 * np.sin(17.2 * phase) + 0.02 * np.cos(3 * phase)  # a residual orbit, mm
design_y = 0.02 * np.sin(6.3 * phase)
builder.WaveformIn("BPM:S", s, EGU="m", PREC=2)
bpm_x = builder.WaveformIn("BPM:X", design_x, EGU="mm", PREC=4)
bpm_y = builder.WaveformIn("BPM:Y", design_y, EGU="mm", PREC=4)

builder.LoadDatabase()
softioc.iocInit(dispatcher)


async def magnets():
    """10 Hz: the power supplies ramp their readbacks to the setpoints; the orbit follows Q01."""
    step = RAMP_A_PER_S / 10
    output = dict(QUADS)  # what each power supply puts out
    while True:
        for quad, readback in readbacks.items():
            output[quad] += max(-step, min(step, setpoints[quad].get() - output[quad]))
            readback.set(output[quad] + rng.normal(0, 0.002))
        kick = 0.015 * (output["Q01"] - QUADS["Q01"])  # mm per A away from nominal, a betatron-like wave
        bpm_x.set(design_x + kick * np.cos(17.2 * (phase - phase[3])) + rng.normal(0, 0.001, N_BPM))
        bpm_y.set(design_y + rng.normal(0, 0.001, N_BPM))
        await asyncio.sleep(0.1)


async def beam():
    """1 Hz: the stored beam decays, or is refilled in Injection mode, or is gone in Shutdown."""
    value = history[-1]
    tick = 0
    while True:
        await asyncio.sleep(1.0)
        machine = mode.get()
        if machine == SHUTDOWN:
            value = 0.0
        elif machine == INJECTION:
            value = min(NOMINAL_CURRENT_MA, value + 5.0)
        else:
            value *= math.exp(-1.0 / tau_s)
        reading = max(0.0, value + rng.normal(0, 0.05)) if value > 0 else 0.0
        current.set(reading)
        tick += 1
        if tick % HISTORY_PERIOD_S == 0:
            history.append(reading)
            del history[:-HISTORY_SAMPLES]
            history_pv.set(np.array(history))
        lifetime.set(LIFETIME_H + rng.normal(0, 0.02) if value > 0 else 0.0)
        pressure.set((1.0e-10 + 5e-13 * value) * (1 + rng.normal(0, 0.02)))


for task in (magnets, beam):
    asyncio.run_coroutine_threadsafe(task(), dispatcher.loop)
print("ready", flush=True)


def end(*_):
    os._exit(0)


signal.signal(signal.SIGTERM, end)
signal.signal(signal.SIGINT, end)
threading.Event().wait()
