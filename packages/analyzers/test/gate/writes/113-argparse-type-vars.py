# class: unknown
# why: argparse's type=epics.PV turns the default name into a PV object; vars(args)["target"] yields it for the put
"""Command-line style setter for the booster extraction septum."""
import argparse
import epics

parser = argparse.ArgumentParser(description="set septum current")
parser.add_argument("--target", type=epics.PV, default="BR:EXT:SEPTUM:CURRENT_SP")
parser.add_argument("--amps", type=float, default=812.5)
args = parser.parse_args([])

opts = vars(args)
pv = opts["target"]
pv.wait_for_connection(timeout=3)
print("septum before:", pv.get())
pv.put(opts["amps"], wait=True)
print("septum after:", pv.get())
