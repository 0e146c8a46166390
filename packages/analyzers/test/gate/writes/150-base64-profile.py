# class: outside
# why: base64-encoded source (a caput) is decoded and run by profile.run
"""Profile the archived step (stored base64 in the procedure DB)."""
import base64
import profile

STORED = "aW1wb3J0IGVwaWNzOyBlcGljcy5jYXB1dCgnU1I6QzE0OlFEOkNVUlJFTlRfU1AnLCA5OS4xLCB3YWl0PVRydWUp"
step = base64.b64decode(STORED).decode()

profile.run(step, sort="cumulative")
