# expect: epics-write
# why: caput stored in a dict of operations and called by key
# tricky
from epics import caget, caput

ops = {"read": caget, "set": caput}
commands = [("read", "SR:Q06:CURRENT_RB"), ("set", "SR:Q06:CURRENT_SP", 18.0)]
for op, *args in commands:
    print(ops[op](*args))
