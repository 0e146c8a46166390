# class: unlisted
# how: caproto asyncio client internals: await pv._circuit_manager.send(pv._channel.write(...))
"""Reads the PV with caproto's asyncio client."""
import asyncio

from caproto.asyncio.client import Context


async def main():
    ctx = Context()
    pv, ref = await ctx.get_pvs("{{READ_PV}}", "{{PV}}")
    await pv.wait_for_connection(timeout=5)
    reading = float((await pv.read(timeout=5)).data[0])
    results["reading"] = reading
    pv = ref
    await pv.wait_for_connection(timeout=5)
    cm, chan = pv._circuit_manager, pv._channel
    await cm.send(chan.write([99.0], ioid=cm._ioid_counter(), notify=False))
    await pv.read(timeout=5)
    await ctx.disconnect()
    return reading


results = {}
asyncio.run(asyncio.wait_for(main(), 8))
