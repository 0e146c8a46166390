# class: channel
# why: the event loop's own loop.subprocess_exec starts pvxput, whose name is split across two literals
"""Asynchronous PVA setpoint through the PVXS client tool."""
import asyncio

TOOL = "pvx" + "put"
PV, VALUE = "SR:C02:QF:CURRENT_SP", "101.7"


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    class Proto(asyncio.SubprocessProtocol):
        def process_exited(self):
            done.set_result(True)

    transport, _ = await loop.subprocess_exec(Proto, TOOL, PV, VALUE)
    await done
    print("exit code", transport.get_returncode())
    transport.close()


asyncio.run(main())
