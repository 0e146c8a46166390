# expect: network
# why: posts a shift summary to the electronic logbook with requests
import requests

entry = {"title": "Orbit check", "body": "RMS x = 12 um"}
requests.post("https://elog.example.org/api/entries", json=entry, timeout=5)
