# class: binding
# why: `async with C() as x` binds the instance, not what __aenter__ returns
"""Async channel session."""
import asyncio
import epics


class Session:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        return epics.PV(self.name)

    async def __aexit__(self, *exc):
        return False


async def main():
    async with Session("SR:C01:QF:CURRENT_SP") as ch:
        ch.put(101.0, wait=True)


asyncio.run(main())
