# class: binding
# why: await anext(obj): __anext__'s PV is not followed outside `async for`
"""Async source of channels."""
import asyncio
import epics


class Source:
    def __aiter__(self):
        return self

    async def __anext__(self):
        return epics.PV("SR:C01:QF:CURRENT_SP")


async def main():
    ch = await anext(Source())
    ch.put(101.0, wait=True)


asyncio.run(main())
