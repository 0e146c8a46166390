# expect: epics-write, dynamic-code
# why: write hidden in a string passed to exec
# tricky
cmd = "from epics import caput\ncaput('SR:RF:CAV1:PHASE_SP', 12.0)"
exec(cmd)
