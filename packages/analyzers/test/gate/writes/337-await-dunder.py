# class: binding
# why: `await obj` whose __await__ returns a PV gives obj
"""Awaitable channel opener."""
import asyncio
import epics


class Opening:
    def __init__(self, name):
        self.name = name

    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return epics.PV(self.name)


async def main():
    ch = await Opening("SR:C01:QF:CURRENT_SP")
    ch.put(101.0, wait=True)


asyncio.run(main())
