# expect: epics-write, network
# why: nominal setpoints fetched over HTTP and then applied
import httpx
import epics

resp = httpx.get("http://config.example.org/lattice/nominal", timeout=5)
for name, value in resp.json().items():
    epics.caput(name, value)
