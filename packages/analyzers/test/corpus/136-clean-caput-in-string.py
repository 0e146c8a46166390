# expect: nothing
# why: caput appears only inside a string shown to the operator
instructions = "To restore, run: caput SR:FB:ENABLE 1  or  epics.caput('SR:FB:ENABLE', 1)"
print(instructions)
