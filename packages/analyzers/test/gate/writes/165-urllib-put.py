# class: channel
# why: urllib.request.Request with method="PUT" to the pvws-style gateway writes the value
"""Use the archiver-side HTTP gateway to set the linac energy knob."""
import json
import urllib.request

URL = "http://pvgw.ctl.local:8080/pv/LI:ENERGY:KNOB_SP"
payload = json.dumps({"value": 3.002}).encode()

req = urllib.request.Request(URL, data=payload, method="PUT", headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=10) as resp:
    print("gateway said:", resp.status, resp.read().decode())
