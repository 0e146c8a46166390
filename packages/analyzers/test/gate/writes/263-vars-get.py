# class: unknown
# why: vars(instance).get('qf'): vars of an instance is the instance
"""Holder attributes read with vars().get."""
import epics


class Rig:
    def __init__(self):
        self.qf = epics.PV("SR:C01:QF:CURRENT_SP")


vars(Rig()).get("qf").put(101.0, wait=True)
