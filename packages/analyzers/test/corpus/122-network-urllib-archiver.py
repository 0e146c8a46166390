# expect: network
# why: archiver appliance query with urllib.request
import json
import urllib.request

url = "http://archiver.example.org/retrieval/data/getData.json?pv=SR:DCCT:CURRENT"
with urllib.request.urlopen(url, timeout=10) as r:
    data = json.load(r)
print(len(data[0]["data"]))
