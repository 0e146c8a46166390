# expect: epics-write, process
# why: caput run through asyncio.create_subprocess_exec
# tricky
import asyncio


async def main():
    proc = await asyncio.create_subprocess_exec("caput", "SR:FB:GAIN", "0.4")
    await proc.wait()


asyncio.run(main())
