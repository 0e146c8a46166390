# expect: nothing
# why: pathlib write_text to a relative results directory
# tricky
import json
from pathlib import Path

out = Path("results")
out.mkdir(exist_ok=True)
(out / "tunes.json").write_text(json.dumps({"qx": 0.22, "qy": 0.31}))
