# class: child
# how: asyncio.create_subprocess_exec of a fresh Python running caproto's write
"""Reads the PV and runs a parallel worker with asyncio."""
import asyncio
import sys

from epics import caget


async def worker():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c",
        "from caproto.sync.client import write; write('{{PV}}', [99.0], notify=True, timeout=5, repeater=False)")
    return await proc.wait()


reading = caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
results["worker"] = asyncio.run(worker())
