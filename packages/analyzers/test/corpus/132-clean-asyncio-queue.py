# expect: nothing
# why: asyncio.Queue.put_nowait and await put
import asyncio


async def main():
    q = asyncio.Queue()
    for i in range(5):
        q.put_nowait(i * 0.1)
    await q.put(1.0)
    while not q.empty():
        print(await q.get())


asyncio.run(main())
