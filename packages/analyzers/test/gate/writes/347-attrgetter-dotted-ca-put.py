# class: unknown
# why: attrgetter("ca.put")(epics) with pv.chid (a neutral attribute)
"""Low-level put through a dotted attrgetter and the PV's chid."""
import operator
import epics

ch = epics.PV("SR:C01:QF:CURRENT_SP")
ch.wait_for_connection()
operator.attrgetter("ca.put")(epics)(ch.chid, 101.0, wait=True)
