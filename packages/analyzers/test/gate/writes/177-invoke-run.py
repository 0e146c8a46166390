# class: channel
# why: invoke.run (the Fabric task library) runs a shell command line with caput
"""Task-style helper: set the scraper via the CA tools."""
from invoke import run

positions = {"SR:SCR:H2:POS_SP": -9.0, "SR:SCR:V2:POS_SP": 4.5}
failed = []
for pv, pos in positions.items():
    res = run(f"caput {pv} {pos}", hide=True, warn=True)
    print(pv, "->", pos, "exit", res.exited)
    if res.exited:
        failed.append(pv)
print("failed:", failed or "none")
