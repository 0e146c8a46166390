# class: callback
# why: add_callback(cb, peer=pv, run_now=True): extra callback kwargs not followed
"""Monitor with a keyword-passed peer channel (zero on trip)."""
import time
import epics


def on_trip(value=None, peer=None, **kw):
    if value:
        peer.put(0.0)


trip = epics.PV("SR:C01:QF:TRIP")
trip.add_callback(on_trip, peer=epics.PV("SR:C01:QD:CURRENT_SP"), run_now=True)
time.sleep(1)
