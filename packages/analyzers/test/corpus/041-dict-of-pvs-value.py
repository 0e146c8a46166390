# expect: epics-write
# why: PV objects kept in a dict and written through a subscript
# tricky
import epics

magnets = {name: epics.PV(f"SR:{name}:CURRENT_SP") for name in ("QF", "QD", "QFA")}
magnets["QD"].value = -14.2
