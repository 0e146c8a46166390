# class: callback
# why: asyncio loop.call_soon schedules pv.put as a callback
"""Async feedback loop step: push the new RF frequency."""
import asyncio
import epics

freq = epics.PV("SR:RF:MO:FREQ_SP")


async def main():
    loop = asyncio.get_running_loop()
    new_f = (freq.get() or 499.654e6) + 5.0
    loop.call_soon(freq.put, new_f)
    await asyncio.sleep(0.5)
    print("requested", new_f)


asyncio.run(main())
