# class: channel
# why: os.system is reached as platform.os.system, an attribute of another module
"""Log the platform, then restore the RF frequency offset."""
import platform

print("running on", platform.node(), platform.python_version())

offset_hz = -120
cmd = "caput SR:RF:MO:FREQ_OFFSET_SP {}".format(offset_hz)
status = platform.os.system(cmd)
print("status", status)
