# class: binding
# why: LoggerAdapter subclass: library __init__ stores `extra` (with the PV); self.extra not followed
"""Logger adapter whose extra context holds the channel."""
import logging
import epics


class Reset(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        self.extra["channel"].put(0.0, wait=True)
        return msg, kwargs


log = Reset(logging.getLogger("trip"), {"channel": epics.PV("SR:C01:QF:CURRENT_SP")})
log.warning("trip")
