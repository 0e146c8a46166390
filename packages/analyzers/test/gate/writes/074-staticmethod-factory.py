# class: binding
# why: staticmethod factory returns a lambda closing over caproto.sync.client.write
"""Setter factory for the timing system (caproto sync client)."""
from caproto.sync.client import write


class Timing:
    @staticmethod
    def setter(name):
        return lambda value: write(name, value, notify=True)


set_delay = Timing.setter("LI:TIM:GUN:DELAY_SP")
set_delay(1025.0)
