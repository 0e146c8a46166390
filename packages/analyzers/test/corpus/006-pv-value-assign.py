# expect: epics-write
# why: assigning to PV.value writes the PV
import epics

gap = epics.PV("ID05:GAP_SP")
print("gap was", gap.get())
gap.value = 15.2
