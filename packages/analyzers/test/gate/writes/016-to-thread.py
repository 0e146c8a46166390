# class: callback
# why: asyncio.to_thread runs pv.put in a worker; only a reference to put appears
"""Bring the gun heater back to standby setting."""
import asyncio
from epics import PV


async def main():
    heater = PV("LI:GUN:HEATER:CURRENT_SP")
    standby = 1.05
    await asyncio.to_thread(heater.put, standby, True)
    print("heater at", heater.get())


asyncio.run(main())
