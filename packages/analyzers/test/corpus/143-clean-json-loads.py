# expect: nothing
# why: json.loads of a stored feedback configuration
import json

with open("feedback_config.json") as f:
    cfg = json.loads(f.read())
print(cfg["gain"], cfg["bpms"][:3])
