# class: callback
# why: PV object reaches the writing function only through threading.Thread(args=...)
"""Ramp the trim coil back to zero without blocking the console."""
import threading
import time
import epics


def ramp(channel, target, steps=10):
    start = channel.get() or 0.0
    for i in range(1, steps + 1):
        channel.value = start + (target - start) * i / steps
        time.sleep(0.1)


trim = epics.PV("SR:C03:HCM2:CURRENT_SP")
t = threading.Thread(target=ramp, args=(trim, 0.0), daemon=False)
t.start()
t.join()
print("trim ramped to", trim.get())
