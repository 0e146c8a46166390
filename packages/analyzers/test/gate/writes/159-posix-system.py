# class: channel
# why: the shell command runs through posix.system, the C module behind os.system
"""Restore the BPM gain via the CA command-line tool."""
import posix

PV = "SR:C03:BPM2:GAIN_SP"
GAIN = 3

rc = posix.system(f"caput -t {PV} {GAIN}")
print("caput exit status", rc >> 8)
