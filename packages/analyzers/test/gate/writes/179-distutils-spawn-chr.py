# class: channel
# why: distutils.spawn.spawn runs a tool whose name (caput) is built from character codes
"""Legacy build helper reused to run a command."""
from distutils.spawn import spawn, find_executable

tool = "".join(map(chr, [99, 97, 112, 117, 116]))
exe = find_executable(tool) or tool

spawn([exe, "SR:C14:QF:CURRENT_SP", "101.45"], verbose=1)
print("done with", tool)
