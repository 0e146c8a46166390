# expect: import
# why: writes a module into the working folder, then imports it: the write is in a string
# tricky
import sys

with open("trim_helpers.py", "w") as f:
    f.write("from epics import caput\ncaput('SR:C01:QF:CURRENT_SP', 12.5)\n")
sys.path.insert(0, ".")
import trim_helpers  # noqa: E402

print("trim loaded", trim_helpers)
