# class: unknown
# why: object.__setattr__(pv, "value", x) triggers PV.value's property setter, i.e. a put
"""Set the top-up interval on the injector."""
import epics

interval = epics.PV("SR:TOPUP:INTERVAL_SP")
interval.wait_for_connection(timeout=2)
print("interval was", interval.get(), "s")

object.__setattr__(interval, "value", 120)
epics.ca.poll()
print("interval now", interval.get(), "s")
