# class: channel
# why: an HTTP PUT to the site's PV REST gateway writes the PV (http.client)
"""Set the QF current through the web gateway (no CA access from this host)."""
import http.client
import json

GATEWAY = "ioc-gw.ctl.local"
PV = "SR:C06:QF:CURRENT_SP"

conn = http.client.HTTPConnection(GATEWAY, 8080, timeout=10)
conn.request(
    "PUT",
    f"/api/v1/pv/{PV}",
    body=json.dumps({"value": 101.05}),
    headers={"Content-Type": "application/json"},
)
resp = conn.getresponse()
print(resp.status, resp.read().decode())
conn.close()
