# expect: epics-write, process
# why: caput run in a pseudo-terminal with pty.spawn
# tricky
import pty

pty.spawn(["caput", "-c", "SR:RF:CAV2:VOLTAGE_SP", "0.55"])
