# expect: nothing
# why: the write call is commented out; only a read runs
import epics

x = epics.caget("SR:BPM03:X")
# epics.caput("SR:C03:HCM:SP", -0.1 * x)
print(f"suggested corrector change: {-0.1 * x:.4f} A")
