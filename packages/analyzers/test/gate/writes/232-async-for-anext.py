# class: binding
# why: `async for x in obj` binds the instance, not __anext__'s results
"""Async iteration over the sector channels."""
import asyncio
import epics


class Channels:
    def __init__(self, names):
        self.names = list(names)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.names:
            raise StopAsyncIteration
        return epics.PV(self.names.pop())


async def main():
    async for ch in Channels(["SR:C01:QF:CURRENT_SP", "SR:C01:QD:CURRENT_SP"]):
        ch.put(0.0, wait=True)


asyncio.run(main())
