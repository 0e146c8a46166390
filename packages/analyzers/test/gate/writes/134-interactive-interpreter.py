# class: outside
# why: the write is fed line by line to code.InteractiveInterpreter().runsource
"""Run a short operator macro as if typed at the console."""
import code

MACRO = [
    "import epics",
    "epics.caput('SR:RF:CAV2:VOLT_SP', 650.0, wait=True)",
    "print('cavity 2 voltage', epics.caget('SR:RF:CAV2:VOLT_SP'))",
]

interp = code.InteractiveInterpreter()
for line in MACRO:
    interp.runsource(line, "<macro>", "single")
