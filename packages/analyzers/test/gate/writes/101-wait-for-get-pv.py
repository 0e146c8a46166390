# class: unknown
# why: the PV object comes back from asyncio.wait_for(asyncio.to_thread(epics.get_pv, ...)), so its .put is on an untracked value
"""Bump the C01 QF trim by a small step, with a connection timeout."""
import asyncio
import epics

PV_NAME = "SR:C01:QF:CURRENT_SP"
STEP = 0.05


async def connect(name, timeout=5.0):
    pv = await asyncio.wait_for(asyncio.to_thread(epics.get_pv, name, connect=True), timeout)
    return pv


async def main():
    sp = await connect(PV_NAME)
    current = sp.get()
    print(f"{PV_NAME} = {current:.3f} A")
    sp.put(current + STEP, wait=True)
    print(f"stepped to {current + STEP:.3f} A")


asyncio.run(main())
