# class: channel
# why: the caput lines go into a generated shell script; subprocess only ever sees "bash restore.sh"
"""Write the restore script (kept with the run for the e-log), then run it."""
import subprocess
from pathlib import Path

SETPOINTS = {
    "SR:C15:QF:CURRENT_SP": 101.2,
    "SR:C15:QD:CURRENT_SP": -98.6,
}

script = Path("restore.sh")
lines = ["#!/bin/bash", "set -e"]
lines += [f"caput {pv} {val}" for pv, val in SETPOINTS.items()]
script.write_text("\n".join(lines) + "\n")

subprocess.run(["bash", str(script)], check=True)
print("restore script ran")
