# expect: epics-write
# why: cothread.catools imported as a module alias
# tricky
import cothread.catools as ca

ca.caput(["SR:C01:HCM:SP", "SR:C02:HCM:SP"], [0.0, 0.0])
