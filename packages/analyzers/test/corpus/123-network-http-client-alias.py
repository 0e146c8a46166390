# expect: network
# why: http.client imported under an alias
# tricky
from http import client as hc

conn = hc.HTTPSConnection("status.example.org", timeout=5)
conn.request("GET", "/machine/mode")
print(conn.getresponse().read().decode())
