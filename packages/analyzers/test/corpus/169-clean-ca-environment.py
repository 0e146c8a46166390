# expect: nothing
# why: sets EPICS client environment variables, then only reads
# tricky
import os

os.environ["EPICS_CA_AUTO_ADDR_LIST"] = "NO"
os.environ["EPICS_CA_ADDR_LIST"] = "10.0.1.255"
import epics  # noqa: E402

print(epics.caget("SR:DCCT:CURRENT"))
