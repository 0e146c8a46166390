# class: callback
# why: caproto.sync.client.write passed to executor.submit
"""Push the new septum timing delay."""
from concurrent.futures import ThreadPoolExecutor
from caproto.sync.client import write, read

DELAY_NS = 125.0

with ThreadPoolExecutor() as ex:
    f = ex.submit(write, "BR:EXT:SEPT:DELAY_SP", DELAY_NS, notify=True)
    f.result()
print("readback", read("BR:EXT:SEPT:DELAY_RB").data)
