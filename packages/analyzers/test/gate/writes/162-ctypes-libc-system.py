# class: channel
# why: the C library's system() is called through ctypes.CDLL(None) with a pvput command
"""Push the PVA setpoint through libc directly."""
import ctypes

libc = ctypes.CDLL(None)
command = b"pvput SR:C04:SD:CURRENT_SP 178.5"

rc = libc.system(command)
print("pvput returned", rc)
