# class: channel
# why: a pvws web-socket "write" message sets the PV through the web gateway (websockets library)
"""Set the FOFB enable via PV Web Socket, the way the web display does."""
import json
from websockets.sync.client import connect

PVWS = "ws://pvws.ctl.local:8080/pvws/pv"
PV = "SR:FOFB:ENABLE_CMD"

with connect(PVWS) as ws:
    ws.send(json.dumps({"type": "subscribe", "pvs": [PV]}))
    print("first update:", ws.recv(timeout=5))
    ws.send(json.dumps({"type": "write", "pv": PV, "value": 1}))
    print("after write:", ws.recv(timeout=5))
