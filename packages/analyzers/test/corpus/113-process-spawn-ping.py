# expect: process
# why: pings an IOC host with os.spawnlp
import os

rc = os.spawnlp(os.P_WAIT, "ping", "ping", "-c", "1", "ioc-sr01")
print("reachable" if rc == 0 else "down")
