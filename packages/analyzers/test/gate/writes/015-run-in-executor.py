# class: callback
# why: loop.run_in_executor(None, epics.caput, ...) — caput as a plain argument
"""Restore the undulator gap from the saved value without blocking the event loop."""
import asyncio
import epics

SAVED_GAP = 14.2


async def restore():
    loop = asyncio.get_running_loop()
    ok = await loop.run_in_executor(None, epics.caput, "SR:ID05:GAP_SP", SAVED_GAP)
    return ok


print("restore ok:", asyncio.run(restore()))
