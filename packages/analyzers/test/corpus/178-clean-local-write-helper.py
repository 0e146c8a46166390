# expect: nothing
# why: a local helper named write_setpoint that only records a proposal
# tricky
proposals = []


def write_setpoint(pv, value):
    proposals.append({"pv": pv, "value": round(value, 4)})


for i in range(1, 4):
    write_setpoint(f"SR:C{i:02d}:HCM:SP", 0.01 * i)
print(proposals)
