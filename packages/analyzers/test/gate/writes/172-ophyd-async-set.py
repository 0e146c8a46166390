# class: channel
# why: ophyd_async (a different package from ophyd) writes with signal.set()
"""Set the undulator taper with ophyd-async signals."""
import asyncio
from ophyd_async.epics.core import epics_signal_rw


async def main():
    taper = epics_signal_rw(float, "ID:U1:TAPER_SP", name="taper")
    await taper.connect()
    print("taper before:", await taper.get_value())
    await taper.set(0.35)
    print("taper after:", await taper.get_value())


asyncio.run(main())
