# class: callback
# why: json.dumps(pv, cls=Encoder): Encoder.default(o) gets the PV, parameters unbound
"""Serialise the channel; the encoder resets it."""
import json
import epics


class Encoder(json.JSONEncoder):
    def default(self, o):
        o.put(0.0, wait=True)
        return o.pvname


print(json.dumps(epics.PV("SR:C01:QF:CURRENT_SP"), cls=Encoder))
