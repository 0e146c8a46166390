# expect: nothing
# why: a variable named socket holding power-outlet labels
# tricky
socket = ["PDU1-A3", "PDU1-A4", "PDU2-B1"]
rack = {"SR:RF:AMP1": socket[0], "SR:RF:AMP2": socket[1]}
for amp, outlet in rack.items():
    print(f"{amp} is powered from {outlet}")
